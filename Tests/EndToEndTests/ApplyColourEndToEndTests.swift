import Foundation
import Testing

/// `apply --format json` shows its plan on stderr, so colour is decided by stderr being a
/// terminal, not stdout: a json report piped to a file keeps a coloured plan on the terminal,
/// and a terminal on stdout does not colour a plan going to a log file.
@Suite(.timeLimit(.minutes(2))) struct ApplyColourEndToEndTests {
  /// Runs `dooordb ARGUMENTS` with stderr on a new pseudo-terminal and stdout on a pipe;
  /// returns what each got.
  static func runWithTerminalStderr(_ arguments: [String], in directory: URL) async throws
    -> (exitCode: Int32, stdout: String, stderr: String)
  {
    var primary: Int32 = -1
    var secondary: Int32 = -1
    guard openpty(&primary, &secondary, nil, nil, nil) == 0 else {
      throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = DooordbProcess.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = DooordbProcess.environment(adding: [:])
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle(fileDescriptor: secondary, closeOnDealloc: false)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    close(secondary)
    let terminalSide = primary
    let watchdog = DispatchWorkItem { [process] in
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
    let (out, err) = await offThePool {
      // The terminal's side reads until the last writer has gone (EIO on Linux).
      var terminal = Data()
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = read(terminalSide, &buffer, buffer.count)
        if count <= 0 { break }
        terminal.append(contentsOf: buffer[0..<count])
      }
      let piped = stdout.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (String(decoding: piped, as: UTF8.self), String(decoding: terminal, as: UTF8.self))
    }
    watchdog.cancel()
    close(terminalSide)
    return (process.terminationStatus, out, err)
  }

  @Test func theJsonReportsPlanOnATerminalStderrIsColoured() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders)
    let result = try await Self.runWithTerminalStderr(
      ["apply", "--local", "--auto-approve", "--format", "json", "acme.yaml"], in: scratch.url)
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr.contains("\u{1B}[32m+ create\u{1B}[0m"), "\(result.stderr)")
    #expect(!result.stdout.contains("\u{1B}"), "the json report is never coloured")
    #expect(result.stdout.contains("\"formatVersion\""))
  }
}
