import Foundation
import Synchronization

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
  /// Killed after `timeLimit`, so a regression fails its test instead of hanging the suite.
  static func run(
    _ arguments: [String], in directory: URL = repositoryRoot,
    environment: [String: String] = [:], stdin: String? = nil,
    timeLimit: Duration = .seconds(180)
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = Self.environment(adding: environment)
    let stdoutPipe = Pipe()
    let stderrPipe = Pipe()
    let stdinPipe = Pipe()
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    process.standardInput = stdinPipe
    try process.run()
    if let stdin { stdinPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try stdinPipe.fileHandleForWriting.close()
    let watchdog = DispatchWorkItem { [process] in
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    DispatchQueue.global().asyncAfter(
      deadline: .now() + .milliseconds(Int(timeLimit.components.seconds) * 1000), execute: watchdog)
    // Read both pipes before waiting so a large output cannot fill a pipe and stall the child.
    let outputs = readConcurrently(stdoutPipe, stderrPipe)
    process.waitUntilExit()
    watchdog.cancel()
    return Result(exitCode: process.terminationStatus, stdout: outputs.0, stderr: outputs.1)
  }

  /// A `dooordb` started in the background, to be interrupted or waited for.
  final class Running {
    let process = Process()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let collected = CollectedOutput()

    fileprivate init(_ arguments: [String], in directory: URL, environment: [String: String])
      throws
    {
      process.executableURL = DooordbProcess.binary
      process.arguments = arguments
      process.currentDirectoryURL = directory
      process.environment = DooordbProcess.environment(adding: environment)
      process.standardOutput = stdoutPipe
      process.standardError = stderrPipe
      process.standardInput = FileHandle.nullDevice
      let collected = collected
      stdoutPipe.fileHandleForReading.readabilityHandler = { handle in
        collected.append(handle.availableData)
      }
      try process.run()
    }

    /// Everything printed on stdout so far.
    var stdoutSoFar: String { collected.text }

    func interrupt() { process.interrupt() }

    /// Waits for the process and returns all it printed.
    func wait() -> Result {
      process.waitUntilExit()
      stdoutPipe.fileHandleForReading.readabilityHandler = nil
      collected.append(stdoutPipe.fileHandleForReading.readDataToEndOfFile())
      let errors = stderrPipe.fileHandleForReading.readDataToEndOfFile()
      return Result(
        exitCode: process.terminationStatus, stdout: collected.text,
        stderr: String(decoding: errors, as: UTF8.self))
    }
  }

  static func start(
    _ arguments: [String], in directory: URL = repositoryRoot,
    environment: [String: String] = [:]
  ) throws -> Running {
    try Running(arguments, in: directory, environment: environment)
  }

  /// Local databases are simulated unless a test asks for real engines
  /// (`DOOORDB_LOCAL_ENGINES` in `environment`): the suite must not start real servers by
  /// accident on a machine that has them installed.
  static func environment(adding environment: [String: String]) -> [String: String] {
    var base = ProcessInfo.processInfo.environment.filter {
      !$0.key.hasPrefix("DOOOR_") && !$0.key.hasPrefix("DOOORDB_") && $0.key != "NO_COLOR"
    }
    base["DOOORDB_LOCAL_ENGINES"] = "simulated"
    base.merge(environment) { _, new in new }
    return base
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

/// Output gathered from a pipe's handler thread while a test reads it from another.
private final class CollectedOutput: Sendable {
  private let data = Mutex(Data())

  func append(_ chunk: Data) {
    data.withLock { $0.append(chunk) }
  }

  var text: String {
    data.withLock { String(decoding: $0, as: UTF8.self) }
  }
}
