import Foundation

/// Lines for the user that are not the command's output: warnings, logs, progress.
enum StandardError {
  static func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// Output that must reach a pipe at once (a parent process may be waiting for it).
enum StandardOutput {
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
