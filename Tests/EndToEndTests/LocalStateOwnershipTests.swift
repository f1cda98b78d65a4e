import Foundation
import Testing

/// The local state has one owner at a time: `--local` commands in one folder wait for each
/// other instead of overwriting each other's databases, use the API of a `local serve` that
/// owns the state instead of waiting for it forever, and a state file that cannot be read is
/// refused with its path, never replaced.
@Suite(.timeLimit(.minutes(3)))
struct LocalStateOwnershipTests {
  static func manifest(workspace: String, count: Int) -> String {
    var text = "workspace: \(workspace)\ndatabases:\n"
    for index in 0..<count {
      text += "  - {slug: db-\(index), name: DB \(index), engine: redis}\n"
    }
    return text
  }

  @Test func twoConcurrentAppliesInOneFolderKeepEveryDatabase() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("a/db.yaml", Self.manifest(workspace: "team-a", count: 50))
    try scratch.write("b/db.yaml", Self.manifest(workspace: "team-b", count: 50))
    let first = try DooordbProcess.start(
      ["apply", "--local", "--auto-approve", "a"], in: scratch.url)
    let second = try DooordbProcess.start(
      ["apply", "--local", "--auto-approve", "b"], in: scratch.url)
    let results = await [first.wait(), second.wait()]
    for result in results { #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)") }
    // The proof that they overlapped: one waited for the other (each apply takes a second).
    #expect(
      results.contains { $0.stderr.contains("waiting for another dooordb using .dooordb/") },
      "\(results.map(\.stderr))")
    for workspace in ["team-a", "team-b"] {
      let listed = try await DooordbProcess.run(
        ["list", "--local", "--workspace", workspace, "--format", "json"], in: scratch.url)
      let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))
      let databases = (document as? [String: Any])?["databases"] as? [Any] ?? (document as? [Any])
      #expect(databases?.count == 50, "\(workspace): \(listed.stdout.prefix(300))")
    }
  }

  @Test func aLocalCommandUsesTheAPIOfTheLocalServeThatOwnsTheState() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("db.yaml", Self.manifest(workspace: "w", count: 2))
    let server = try LocalServerProcess(
      stateFile: scratch.file(".dooordb/local-state.json"),
      extraArguments: ["--engines", "simulated"])
    defer { server.stop() }
    // Bounded: before serve's API was used, this waited for it forever.
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      timeLimit: .seconds(60))
    #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    let using =
      "local: using the API that dooordb local serve (pid \(server.process.processIdentifier))"
      + " serves for .dooordb/local-state.json at \(server.url)"
    #expect(
      applied.stderr.components(separatedBy: using).count == 2, "said once: \(applied.stderr)")
    let planned = try await DooordbProcess.run(
      ["plan", "--local", "db.yaml"], in: scratch.url, timeLimit: .seconds(60))
    #expect(planned.exitCode == 0 && planned.stdout.contains("No changes"), "\(planned.stdout)")
    // The databases are serve's: its own API lists them.
    let listed = try await DooordbProcess.run(
      ["list", "--workspace", "w", "--format", "json"], in: scratch.url,
      environment: server.environment)
    #expect(
      listed.stdout.contains("\"db-0\"") && listed.stdout.contains("\"db-1\""), "\(listed.stdout)")
  }

  @Test(arguments: [
    ("{not json", "it is not a JSON object"),
    (#"{"formatVersion": 99, "nextSequence": 1, "databases": []}"#, "written by a newer dooordb"),
    (#"{"formatVersion": 2, "nextSequence": 1, "databases": [{"id": 1}]}"#, "it is corrupt"),
  ])
  func anUnreadableStateIsRefusedAndKept(content: String, reason: String) async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(".dooordb/local-state.json", content)
    try scratch.write("db.yaml", Self.manifest(workspace: "w", count: 1))
    let result = try await DooordbProcess.run(["plan", "--local", "db.yaml"], in: scratch.url)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains(".dooordb/local-state.json"), "\(result.stderr)")
    #expect(result.stderr.contains(reason), "\(result.stderr)")
    let kept = try String(contentsOf: scratch.file(".dooordb/local-state.json"), encoding: .utf8)
    #expect(kept == content)
  }
}
