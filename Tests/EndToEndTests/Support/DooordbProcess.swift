import Foundation

/// Runs the built `dooordb` binary the way a user does and captures what it printed.
struct DooordbProcess {
  struct Result {
    var exitCode: Int32
    var stdout: String
    var stderr: String
  }

  /// The repository root, found from this file's place in it.
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The binary beside the test bundle: `swift test` builds it because this target depends on it.
  static let binary: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("dooordb")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        return candidate
      }
      directory = directory.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/dooordb")
  }()

  /// Runs `dooordb ARGUMENTS` in `directory` with `environment` added to a minimal one
  /// (no inherited DOOOR_* variables, NO_COLOR unset unless given).
  static func run(
    _ arguments: [String], in directory: URL = repositoryRoot,
    environment: [String: String] = [:], stdin: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var base = ProcessInfo.processInfo.environment.filter {
      !$0.key.hasPrefix("DOOOR_") && $0.key != "NO_COLOR"
    }
    base.merge(environment) { _, new in new }
    process.environment = base
    let stdoutPipe = Pipe()
    let stderrPipe = Pipe()
    let stdinPipe = Pipe()
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    process.standardInput = stdinPipe
    try process.run()
    if let stdin { stdinPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try stdinPipe.fileHandleForWriting.close()
    // Read both pipes before waiting so a large output cannot fill a pipe and stall the child.
    let outputs = readConcurrently(stdoutPipe, stderrPipe)
    process.waitUntilExit()
    return Result(exitCode: process.terminationStatus, stdout: outputs.0, stderr: outputs.1)
  }

  private static func readConcurrently(_ first: Pipe, _ second: Pipe) -> (String, String) {
    let group = DispatchGroup()
    nonisolated(unsafe) var secondData = Data()
    group.enter()
    DispatchQueue.global().async {
      secondData = second.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let firstData = first.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    return (String(decoding: firstData, as: UTF8.self), String(decoding: secondData, as: UTF8.self))
  }
}
