import Foundation
import Testing

/// `examples/environments` does what its comments say: the commands written in its header,
/// run with `plan --local`, plan exactly the databases the comments name.
@Suite(.timeLimit(.minutes(3))) struct ExampleEnvironmentsEndToEndTests {
  static func plannedSlugs(_ environment: [String: String]) async throws -> [String] {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let source = DooordbProcess.repositoryRoot.appendingPathComponent(
      "examples/environments/databases.yaml")
    try scratch.write("environments/databases.yaml", String(contentsOf: source, encoding: .utf8))
    let result = try await DooordbProcess.run(
      ["plan", "--local", "environments", "--format", "json"], in: scratch.url,
      environment: environment)
    #expect(result.exitCode == 0, "\(result.stderr)")
    let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let changes = (document as? [String: Any])?["changes"] as? [[String: Any]] ?? []
    return changes.compactMap { change in
      guard let workspace = change["workspace"] as? String, let slug = change["slug"] as? String,
        change["action"] as? String == "create"
      else { return nil }
      return "\(workspace)/\(slug)"
    }.sorted()
  }

  @Test func stagingHasOrdersSessionsAndScratch() async throws {
    #expect(
      try await Self.plannedSlugs([:])
        == ["acme-staging/orders", "acme-staging/scratch", "acme-staging/sessions"])
  }

  @Test func productionAsTheHeaderRunsItHasNoScratch() async throws {
    let production = [
      "DOOOR_ENV": "production", "DB_CPU": "2", "DB_MEMORY": "4Gi", "DB_STORAGE_GB": "200",
      "PRUNE": "true", "SCRATCH_STATE": "absent",
    ]
    #expect(
      try await Self.plannedSlugs(production)
        == ["acme-production/orders", "acme-production/sessions"])
  }
}
