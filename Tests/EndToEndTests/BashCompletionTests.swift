import Foundation
import Testing

/// The bash completion script is valid bash and offers what a user tabs for: the values of
/// `list --engine` and `--status`, and the shells of `completion` (types that are not
/// `CaseIterable` offer nothing unless they say so).
@Suite(.timeLimit(.minutes(2))) struct BashCompletionTests {
  @Test(arguments: [
    (["list", "--engine"], "postgresql mysql redis"),
    (["completion"], "bash zsh fish"),
  ])
  func offersTheValues(_ words: [String], _ expected: String) async throws {
    let script = try await DooordbProcess.run(["completion", "bash"])
    try #require(script.exitCode == 0)
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("dooordb.bash", script.stdout)
    // What bash does on TAB after `dooordb WORDS `: the words so far, an empty current word.
    let line = (["dooordb"] + words + ["\"\""]).joined(separator: " ")
    let probe = """
      source dooordb.bash || exit 3
      COMP_WORDS=(\(line)); COMP_CWORD=\(words.count + 1)
      _dooordb dooordb "" \(words.last ?? "dooordb")
      echo "${COMPREPLY[*]}"
      """
    let offered = try await Self.bash(probe, in: scratch.url)
    #expect(offered.status == 0, "\(offered.output)")
    #expect(offered.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
  }

  static func bash(_ script: String, in directory: URL) async throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["--noprofile", "--norc", "-c", script]
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let watchdog = DispatchWorkItem { [process] in
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(30), execute: watchdog)
    let output = await offThePool {
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    watchdog.cancel()
    return (process.terminationStatus, output)
  }
}
