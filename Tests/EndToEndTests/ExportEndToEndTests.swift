import DooorCore
import DooorLocalAPI
import DooorTestSupport
import Foundation
import Testing

/// `dooordb export` adopts a workspace: over random workspaces with awkward names, the
/// exported manifest validates, and planning it against the same API changes nothing.
@Suite(.timeLimit(.minutes(5))) struct ExportEndToEndTests {
  /// Names a YAML reader could misread, or that break naive quoting and interpolation.
  static let awkwardNames = [
    "yes", "no", "null", "~", "true", "1.0", "1e3", "0x1F", "2024-01-01", "a: b", "x #y",
    "say \"hi\"", "'single'", "- dash", "[list]", "{map}", "@at", "`tick`", "*star",
    "&anchor", "!tag", "%percent", "back\\slash", "cost ${HOME}", "$${literal}", "tab\there",
    "trailing ", " leading", "ünïcødé ✓", "Plain Name", "on", "NULL", "-", "?", "|", ">",
  ]
  static let awkwardWorkspaces = ["yes", "null", "1.0", "on", "1e3", "true", "No", "0x1F"]

  /// A random create request: some fields left to the API's defaults.
  static func randomDatabase(
    _ index: Int, name: String, using random: inout SeededRandom
  ) -> [String: Any] {
    let engine = ["postgresql", "mysql", "redis"].randomElement(using: &random)!
    var fields: [String: Any] = [
      "slug": "db-\(index)-\(["a", "b", "c"].randomElement(using: &random)!)",
      "name": name, "engine": engine,
    ]
    let versions = ["postgresql": ["15", "16"], "mysql": ["8.0", "8"], "redis": ["7", "7.2"]]
    if Bool.random(using: &random) {
      fields["version"] = versions[engine]!.randomElement(using: &random)!
    }
    if Bool.random(using: &random) {
      fields["cpu"] = ["250m", "1", "0.5", "1500m"].randomElement(using: &random)!
    }
    if Bool.random(using: &random) {
      fields["memory"] = ["512Mi", "1Gi", "2G", "768Mi"].randomElement(using: &random)!
    }
    if Bool.random(using: &random) {
      fields["storageGb"] = Int.random(in: 1...1024, using: &random)
    }
    if Bool.random(using: &random) {
      fields["storageClass"] = ["standard", "fast-ssd", "premium"].randomElement(using: &random)!
    }
    return fields
  }

  /// The API's databases of a workspace as the planner sees them, read from the server itself.
  static func observed(_ server: DriftTestServer, workspace: String) async -> ObservedState {
    let records = await server.server.snapshot().databases.filter {
      $0.workspace == workspace
    }
    let now = Date()
    return ObservedState(workspaces: [
      workspace: records.compactMap { record in
        guard let status = record.status(at: now) else { return nil }
        return RemoteDatabase(
          id: record.id, slug: record.slug, name: record.name,
          engine: record.engine,
          version: record.version, status: status, cpu: record.cpu,
          memory: record.memory, storageGb: record.storageGb, storageClass: record.storageClass)
      }
    ])
  }

  @Test func exportThenPlanShowsNoChangesOverRandomWorkspaces() async throws {
    let server = try await DriftTestServer.start()
    let directory = try DooordbProcess.temporaryDirectory("export")
    defer { try? FileManager.default.removeItem(at: directory) }
    var namesUsed = 0
    do {
      for seed in UInt64(1)...12 {
        var random = SeededRandom(seed: seed)
        let workspace =
          Self.awkwardWorkspacesName(seed: seed, using: &random)
        for index in 0..<Int.random(in: 0...7, using: &random) {
          // Every awkward name is used at least once over the seeds, in a random position.
          let name = Self.awkwardNames[namesUsed % Self.awkwardNames.count]
          namesUsed += 1
          try await server.create(
            workspace, Self.randomDatabase(index, name: name, using: &random))
        }
        let file = directory.appendingPathComponent("export-\(seed).yaml")
        let export = try await DooordbProcess.runDetached(
          ["export", "--workspace", workspace, "--out", file.path], in: directory,
          environment: server.environment)
        #expect(export.exitCode == 0, "seed \(seed): \(export.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)

        let loaded = ManifestLoader.load(
          [ManifestSource(path: file.path, text: text)], environment: [:])
        #expect(loaded.diagnostics.isEmpty, "seed \(seed): \(loaded.diagnostics)\n\(text)")
        let observed = await Self.observed(server, workspace: workspace)
        let plan = Planner.plan(desired: loaded.desired, observed: observed)
        #expect(!plan.hasChanges && !plan.hasErrors, "seed \(seed):\n\(plan.rendered(as: .text))")
        #expect(plan.unmanaged.isEmpty && plan.warnings.isEmpty, "seed \(seed)")
        #expect(loaded.desired.workspaces.map(\.name) == [workspace])

        // The same through the binary: validate accepts it and drift finds nothing.
        let validate = try await DooordbProcess.runDetached(["validate", file.path], in: directory)
        #expect(validate.exitCode == 0, "seed \(seed): \(validate.stderr)")
        let drift = try await DooordbProcess.runDetached(
          ["drift", file.path], in: directory, environment: server.environment)
        #expect(drift.exitCode == 0, "seed \(seed): \(drift.stdout)\(drift.stderr)")
      }
    } catch {
      await server.stop()
      throw error
    }
    #expect(namesUsed >= Self.awkwardNames.count, "only \(namesUsed) databases were made")
    // Export, validate and drift only read: the POSTs are the test's own creates.
    #expect(server.mutatingRequests == namesUsed)
    await server.stop()
  }

  /// An awkward workspace name made unique per seed (the server is shared by the seeds).
  static func awkwardWorkspacesName(seed: UInt64, using random: inout SeededRandom) -> String {
    awkwardWorkspaces.randomElement(using: &random)! + "-\(seed)"
  }

  @Test func exportOfAFixedWorkspaceMatchesTheGoldenFile() async throws {
    let server = try await DriftTestServer.start()
    let directory = try DooordbProcess.temporaryDirectory("export-golden")
    defer { try? FileManager.default.removeItem(at: directory) }
    let result: DooordbProcess.Result
    do {
      try await server.create(
        "null",
        [
          "slug": "orders", "name": "Orders: main #1", "engine": "postgresql", "version": "16",
          "cpu": "500m", "memory": "1Gi", "storageGb": 20, "storageClass": "fast-ssd",
        ])
      try await server.create("null", ["slug": "cache", "name": "yes", "engine": "redis"])
      try await server.create(
        "null", ["slug": "reports", "name": "1.0", "engine": "mysql", "version": "8.0", "cpu": "1"])
      result = try await DooordbProcess.runDetached(
        ["export", "--workspace", "null"], in: directory, environment: server.environment)
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
    #expect(result.exitCode == 0, "\(result.stderr)")
    Golden.check(
      result.stdout,
      at: DooordbProcess.repositoryRoot.appendingPathComponent("Tests/DooorCoreTests/Golden"),
      against: "export.e2e.yaml")
  }
}
