import ArgumentParser
import DooorCore
import Foundation

/// The one place commands turn their outcome into text on stdout/stderr and an exit code.
enum CommandOutput {
  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// One line for the user that is not the command's output: a warning, a log line, progress.
  static func standardErrorLine(_ line: String) {
    standardError(line + "\n")
  }

  /// Prints each diagnostic as `FILE:LINE:COL: error: MESSAGE` on stderr and gives the exit
  /// code to throw: 1 when any is an error, 0 when all are warnings.
  static func report(_ diagnostics: [Diagnostic]) -> ExitCode {
    standardError(diagnostics.sorted().map { "\($0)\n" }.joined())
    return diagnostics.contains { $0.severity == .error } ? .failure : .success
  }
}
