import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct CLIBasicsTests {
  @Test func versionPrintsAndExitsZero() async throws {
    let result = try await DooordbProcess.run(["--version"])
    #expect(result.exitCode == 0)
    // A plain `swift build` writes no build-info file.
    #expect(result.stdout == "dooordb 0.1.0 (commit unknown, built unknown)\n")
  }

  /// A release build (scripts/build-release) writes the commit and date beside the binary.
  @Test func versionPrintsTheCommitAndDateOfARelease() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let binary = scratch.file("dooordb")
    try FileManager.default.copyItem(at: DooordbProcess.binary, to: binary)
    try scratch.write(
      "dooordb.build-info", "commit=3432c81a2b4c\ndate=2026-12-01T18:00:00Z\n")
    let process = Process()
    process.executableURL = binary
    process.arguments = ["--version"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let printed = await offThePool {
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    #expect(process.terminationStatus == 0)
    #expect(printed == "dooordb 0.1.0 (commit 3432c81a2b4c, built 2026-12-01T18:00:00Z)\n")
  }
}
