import Foundation
import Testing

/// The local state has one owner at a time: `--local` commands in one folder wait for each
/// other instead of overwriting each other's databases, and a state file that cannot be read
/// is refused with its path, never replaced.
@Suite(.timeLimit(.minutes(3)))
struct LocalStateOwnershipTests {
  static func manifest(workspace: String, count: Int) -> String {
    var text = "workspace: \(workspace)\ndatabases:\n"
    for index in 0..<count {
      text += "  - {slug: db-\(index), name: DB \(index), engine: redis}\n"
    }
    return text
  }

  @Test func twoConcurrentAppliesInOneFolderKeepEveryDatabase() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("a/db.yaml", Self.manifest(workspace: "team-a", count: 50))
    try scratch.write("b/db.yaml", Self.manifest(workspace: "team-b", count: 50))
    let first = try DooordbProcess.start(
      ["apply", "--local", "--auto-approve", "a"], in: scratch.url)
    let second = try DooordbProcess.start(
      ["apply", "--local", "--auto-approve", "b"], in: scratch.url)
    let results = [first.wait(), second.wait()]
    for result in results { #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)") }
    for workspace in ["team-a", "team-b"] {
      let listed = try DooordbProcess.run(
        ["list", "--local", "--workspace", workspace, "--format", "json"], in: scratch.url)
      let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))
      let databases = (document as? [String: Any])?["databases"] as? [Any] ?? (document as? [Any])
      #expect(databases?.count == 50, "\(workspace): \(listed.stdout.prefix(300))")
    }
  }

  @Test(arguments: [
    ("{not json", "it is not a JSON object"),
    (#"{"formatVersion": 99, "nextSequence": 1, "databases": []}"#, "written by a newer dooordb"),
    (#"{"formatVersion": 2, "nextSequence": 1, "databases": [{"id": 1}]}"#, "it is corrupt"),
  ])
  func anUnreadableStateIsRefusedAndKept(content: String, reason: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(".dooordb/local-state.json", content)
    try scratch.write("db.yaml", Self.manifest(workspace: "w", count: 1))
    let result = try DooordbProcess.run(["plan", "--local", "db.yaml"], in: scratch.url)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains(".dooordb/local-state.json"), "\(result.stderr)")
    #expect(result.stderr.contains(reason), "\(result.stderr)")
    let kept = try String(contentsOf: scratch.file(".dooordb/local-state.json"), encoding: .utf8)
    #expect(kept == content)
  }
}
