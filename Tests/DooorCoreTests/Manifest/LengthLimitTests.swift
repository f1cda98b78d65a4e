import DooorCore
import Testing

/// Names and workspace ids the API could not take are refused by validate, with the limit.
@Suite(.timeLimit(.minutes(1))) struct LengthLimitTests {
  func load(workspace: String, name: String, version: String = "7") -> [String] {
    ManifestLoader.load(
      [
        ManifestSource(
          path: "a.yaml",
          text: "workspace: \(workspace)\ndatabases:\n  - slug: app\n    name: \(name)\n"
            + "    engine: redis\n    version: \"\(version)\"\n")
      ], environment: [:]
    ).diagnostics.map(\.description)
  }

  @Test func theLongestAllowedValuesPass() {
    #expect(
      load(
        workspace: String(repeating: "w", count: 128), name: String(repeating: "n", count: 255),
        version: String(repeating: "9", count: 64)) == [])
  }

  @Test func aNameOverTheLimitIsRefused() {
    let problems = load(workspace: "acme", name: String(repeating: "n", count: 2_000_000))
    #expect(
      problems == [
        "a.yaml:4:11: error: name is 2000000 characters long; at most 255 are allowed"
      ])
  }

  @Test func aWorkspaceOverTheLimitIsRefused() {
    let problems = load(workspace: String(repeating: "w", count: 100_000), name: "App")
    #expect(problems.count == 1)
    #expect(problems.first?.contains("is 100000 characters long; at most 128 are allowed") == true)
    #expect((problems.first?.count ?? 0) < 1_000)
  }

  @Test func aVersionOverTheLimitIsRefused() {
    let problems = load(
      workspace: "acme", name: "App", version: String(repeating: "9", count: 5_000))
    #expect(
      problems == [
        "a.yaml:6:14: error: version is 5000 characters long; at most 64 are allowed"
      ])
  }
}
