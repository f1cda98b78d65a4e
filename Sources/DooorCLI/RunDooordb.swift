import ArgumentParser
import Foundation

/// The executable's whole body: parse the command line, run it, and turn the outcome into
/// text and an exit code in one place (`FailureReport`).
public func runDooordb() async {
  // A reader that goes away must not end the process in the middle of an apply: writes then
  // fail with EPIPE, which `CommandOutput` turns into exit 141 once the work in flight is done.
  signal(SIGPIPE, SIG_IGN)
  let quit = QuitHandler()
  defer { withExtendedLifetime(quit) {} }
  let arguments = Array(CommandLine.arguments.dropFirst())
  if let report = FailureReport.unknownHelpTopic(arguments: arguments) {
    CommandOutput.standardErrorLine(report.text)
    exit(report.exitCode)
  }
  do {
    var command = try await Dooordb.asyncParseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
      try await asyncCommand.run()
    } else {
      try command.run()
    }
  } catch {
    exitIfOutputWasLost()
    let report = FailureReport.of(error, arguments: arguments)
    if !report.text.isEmpty {
      if report.toStandardOutput {
        CommandOutput.standardOutputLine(report.text)
      } else {
        CommandOutput.standardErrorLine(report.text)
      }
    }
    exitIfOutputWasLost()
    exit(report.exitCode)
  }
  exitIfOutputWasLost()
}

/// 141 when a reader went away; 1, saying why on stderr if it still works, when a write
/// failed otherwise (a full disk): output that did not arrive is never a success.
private func exitIfOutputWasLost() {
  if CommandOutput.readerWentAway { exit(CommandOutput.readerGoneExitCode) }
  if let failure = CommandOutput.writeFailure {
    if CommandOutput.standardErrorIsOpen { CommandOutput.standardErrorLine("error: " + failure) }
    exit(1)
  }
}
