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
    exitIfReaderWentAway()
    let report = FailureReport.of(error, arguments: arguments)
    if !report.text.isEmpty {
      if report.toStandardOutput {
        CommandOutput.standardOutputLine(report.text)
      } else {
        CommandOutput.standardErrorLine(report.text)
      }
    }
    exitIfReaderWentAway()
    exit(report.exitCode)
  }
  exitIfReaderWentAway()
}

private func exitIfReaderWentAway() {
  if CommandOutput.readerWentAway { exit(CommandOutput.readerGoneExitCode) }
}
