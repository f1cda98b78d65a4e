import ArgumentParser
import DooorAPI
import DooorCore
import DooorLocalAPI
import Foundation

/// The one place an error that ended a command becomes what the user reads and the exit code
/// (CONTRACT §4): 1 for a failure, 64 for a usage error, 0 for help, version and completion
/// scripts (which ArgumentParser delivers as errors), and the code an `ExitCode` carries (the
/// command already said why). A failure starts `error: `; a usage error is one line that
/// names the `--help` to read.
struct FailureReport: Equatable {
  var text: String
  var toStandardOutput = false
  var exitCode: Int32

  /// `arguments` are the command line without the program name, to name the command a usage
  /// error concerns and to suggest one for a typo.
  static func of(_ error: any Error, arguments: [String]) -> FailureReport {
    switch error {
    case let code as ExitCode:
      return FailureReport(text: "", exitCode: code.rawValue)
    case let failure as CommandFailure:
      return .failure(failure.description)
    case let failure as APIError:
      return .failure(failure.description)
    case let failure as TransportSecurity.Refusal:
      return .failure(failure.description)
    case let failure as SavedPlanError:
      return .failure(failure.description)
    case let failure as LocalAPIServerError:
      return .failure(failure.description)
    case let failure as LocalStateUnreadable:
      return .failure(failure.description)
    case let failure as StateFileError:
      return .failure(failure.description)
    case let failure as CocoaError:
      return .failure(message(for: failure))
    default:
      return argumentParserReport(error, arguments: arguments)
    }
  }

  /// `dooordb help plna`: ArgumentParser shows the root's help for a topic it does not know
  /// (exit 0); a mistyped topic is a usage error with a suggestion, as `dooordb plna` is.
  static func unknownHelpTopic(arguments: [String]) -> FailureReport? {
    guard arguments.first == "help" else { return nil }
    let path = CommandPath(Array(arguments.dropFirst()))
    guard let unknown = path.unknownSubcommand else { return nil }
    return FailureReport(
      text: "error: \(unknown) (usage: \(path.names.joined(separator: " ")) --help)",
      exitCode: ExitCode.validationFailure.rawValue)
  }

  private static func failure(_ message: String) -> FailureReport {
    FailureReport(text: "error: \(message)", exitCode: 1)
  }

  /// Help, version and completion requests, and the parser's usage errors.
  private static func argumentParserReport(_ error: any Error, arguments: [String])
    -> FailureReport
  {
    let code = Dooordb.exitCode(for: error)
    if code == .success {
      return FailureReport(
        text: Dooordb.fullMessage(for: error), toStandardOutput: true, exitCode: 0)
    }
    guard code == .validationFailure else {
      return .failure(Dooordb.message(for: error))
    }
    let path = CommandPath(arguments)
    // One line, whatever the parser's message was laid out as.
    var message = (path.unknownSubcommand ?? Dooordb.message(for: error))
      .split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
    if message.hasSuffix(".") { message.removeLast() }
    return FailureReport(
      text: "error: \(message) (usage: \(path.names.joined(separator: " ")) --help)",
      exitCode: ExitCode.validationFailure.rawValue)
  }

  /// What an error says after `error:`, on stderr and in plan's and drift's failure documents.
  static func message(for error: any Error) -> String {
    if let failure = error as? CocoaError { return describe(failure) }
    return Dooordb.message(for: error)
  }

  /// Foundation's file errors say "The operation could not be completed"; the path and the
  /// system's reason say what went wrong.
  private static func describe(_ error: CocoaError) -> String {
    let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
    let reason =
      underlying.flatMap {
        $0.domain == NSPOSIXErrorDomain ? SystemFile.reason(Int32($0.code)) : nil
      }
      ?? error.localizedDescription
    guard let path = error.filePath ?? error.url?.path else { return reason }
    return "\(path): \(reason)"
  }
}
