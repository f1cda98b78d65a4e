import DooorCore
import Testing

/// Nested merge keys resolve as YAML 1.1 (and PyYAML 6) read them: a mapping merged elsewhere
/// may merge another itself, the nearer key wins, and in a list the earlier mapping wins.
@Suite(.timeLimit(.minutes(1))) struct MergeKeyTests {
  /// PyYAML's `safe_load` gives app {cpu "1", engine postgresql, memory 512Mi} and reports
  /// {cpu "1", engine postgresql, memory 512Mi, storageClass fast, storageGb 50}.
  static let nested = """
    workspace: acme
    databases:
      - &base
        slug: base
        name: Base
        engine: postgresql
        cpu: 250m
        memory: 512Mi
      - &sized
        <<: *base
        slug: sized
        name: Sized
        cpu: "1"
      - <<: *sized
        slug: app
        name: App
      - <<: [*sized, {memory: 4Gi, storageClass: fast}]
        slug: reports
        name: Reports
        storageGb: 50
    """

  func load(_ text: String) -> ManifestLoadResult {
    ManifestLoader.load([ManifestSource(path: "a.yaml", text: text)], environment: [:])
  }

  @Test func nestedMergeKeysResolveAsYAML11Does() throws {
    let result = load(Self.nested)
    #expect(result.diagnostics == [])
    let workspace = try #require(result.desired.workspace("acme"))
    let app = try #require(workspace.database("app"))
    #expect(app.engine == .postgresql)
    #expect(app.cpu == (try Quantity(parsing: "1")))
    #expect(app.memory?.text == "512Mi")
    let reports = try #require(workspace.database("reports"))
    #expect(reports.cpu == (try Quantity(parsing: "1")))
    #expect(reports.memory?.text == "512Mi")
    #expect(reports.storageClass == "fast")
    #expect(reports.storageGb == 50)
  }

  @Test func aNestedMergeKeyOfAScalarIsAnError() {
    let result = load(
      """
      workspace: acme
      databases:
        - &base
          <<: 3
          slug: base
          name: Base
          engine: redis
        - <<: *base
          slug: app
      """)
    #expect(
      result.diagnostics.map(\.description).contains {
        $0.contains("a merge key (<<) needs a mapping or a list of mappings")
      })
    #expect(!result.diagnostics.map(\.description).contains { $0.contains("unknown key") })
  }

  @Test func mergesThatMultiplyAreCut() {
    // Each level merges the one below eight times: 8^6 keys if expanded in full.
    var lines = [
      "workspace: acme", "databases:", "  - &l0", "    slug: l0", "    name: L",
      "    engine: redis",
    ]
    for level in 1...6 {
      let previous = Array(repeating: "*l\(level - 1)", count: 8).joined(separator: ", ")
      lines += ["  - &l\(level)", "    <<: [\(previous)]", "    slug: l\(level)"]
    }
    let result = load(lines.joined(separator: "\n") + "\n")
    #expect(
      result.diagnostics.map(\.description).contains {
        $0.contains("bring in more than 10000 keys")
      })
  }
}
