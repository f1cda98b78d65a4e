import Foundation

/// Runs bash scripts for the tests (recipe steps, completion probes): stdout and stderr
/// together, killed after `timeLimit` so a script that hangs fails its test instead of
/// outliving it.
enum BashScript {
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String]? = nil,
    timeLimit: Duration = .seconds(60)
  ) async throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["--noprofile", "--norc"] + arguments
    process.currentDirectoryURL = directory
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let watchdog = DispatchWorkItem { [process] in
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    DispatchQueue.global().asyncAfter(
      deadline: .now() + .seconds(Int(timeLimit.components.seconds)), execute: watchdog)
    let output = await offThePool {
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    watchdog.cancel()
    return (process.terminationStatus, output)
  }
}
