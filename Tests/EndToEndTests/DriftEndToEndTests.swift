import Foundation
import Testing

/// `dooordb drift` through the built binary against a local API whose databases were changed
/// behind the manifests' back, through the HTTP API directly.
@Suite(.timeLimit(.minutes(5))) struct DriftEndToEndTests {
  /// One workspace's manifest and the databases that match it exactly.
  struct Scenario {
    var workspace: String
    var prune = false
    /// YAML entries under `databases:`.
    var entries: [String]

    var manifest: String {
      "workspace: \(workspace)\nprune: \(prune)\ndatabases:\n" + entries.joined(separator: "\n")
        + "\n"
    }
  }

  static let orders = """
      - slug: orders
        name: Orders
        engine: postgresql
        version: "16"
        cpu: 500m
        memory: 1Gi
        storageGb: 20
    """
  static let cache = """
      - slug: cache
        name: Cache
        engine: redis
        memory: 512Mi
        ignoreChanges: [memory]
    """
  static var matching: [String: [String: Any]] {
    [
      "orders": [
        "slug": "orders", "name": "Orders", "engine": "postgresql", "version": "16", "cpu": "500m",
        "memory": "1Gi", "storageGb": 20,
      ],
      "cache": ["slug": "cache", "name": "Cache", "engine": "redis", "memory": "512Mi"],
    ]
  }

  /// Writes the manifest, creates the matching databases, lets `change` act behind the
  /// manifest's back, then runs drift in json and returns the document and the run.
  static func drift(
    _ scenario: Scenario, on server: DriftTestServer, seed: [String] = ["orders", "cache"],
    change: (DriftTestServer) async throws -> Void = { _ in }
  ) async throws -> (document: [String: Any], exitCode: Int32, markdown: String) {
    let directory = try DooordbProcess.temporaryDirectory("drift")
    defer { try? FileManager.default.removeItem(at: directory) }
    try scenario.manifest.write(
      to: directory.appendingPathComponent("databases.yaml"), atomically: true, encoding: .utf8)
    for slug in seed { try await server.create(scenario.workspace, matching[slug]!) }
    try await change(server)
    let mutatingBefore = server.mutatingRequests
    let json = try await DooordbProcess.runDetached(
      ["drift", "--format", "json"], in: directory, environment: server.environment)
    let markdown = try await DooordbProcess.runDetached(
      ["drift", ".", "--format", "markdown"], in: directory, environment: server.environment)
    #expect(server.mutatingRequests == mutatingBefore, "drift sent a mutating request")
    #expect(json.exitCode == markdown.exitCode)
    #expect(json.stderr.isEmpty, "\(json.stderr)")
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
    return (document as? [String: Any] ?? [:], json.exitCode, markdown.stdout)
  }

  static func slugs(_ document: [String: Any], _ key: String) -> [String] {
    (document[key] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
  }

  static func changedFields(_ document: [String: Any]) -> [String] {
    (document["changed"] as? [[String: Any]] ?? []).flatMap { database in
      (database["fields"] as? [[String: Any]] ?? []).map {
        "\(database["slug"]!).\($0["name"]!):\($0["declared"]!)/\($0["actual"]!)"
      }
    }
  }

  /// Every category except `except` is empty.
  static func onlyCategory(_ document: [String: Any], _ key: String) -> Bool {
    ["changed", "missing", "notDeleted", "unmanaged", "notReady"].allSatisfy { category in
      category == key || (document[category] as? [Any])?.isEmpty == true
    }
  }

  @Test func everyCategoryAloneAndTogether() async throws {
    let server = try await DriftTestServer.start()
    do {
      let clean = try await Self.drift(
        Scenario(workspace: "clean", entries: [Self.orders, Self.cache]), on: server)
      #expect(clean.exitCode == 0)
      #expect(clean.document["drift"] as? Bool == false)
      #expect(Self.onlyCategory(clean.document, "none"))
      #expect(clean.markdown.contains(":white_check_mark:"))

      let changed = try await Self.drift(
        Scenario(workspace: "changed", entries: [Self.orders, Self.cache]), on: server
      ) { try await $0.patch("changed", "orders", ["cpu": "1", "storageGb": 40]) }
      #expect(changed.exitCode == 2)
      #expect(
        Self.changedFields(changed.document) == ["orders.cpu:500m/1", "orders.storageGb:20/40"])
      #expect(Self.onlyCategory(changed.document, "changed"))
      #expect(changed.markdown.contains("#### Changed fields"))

      let missing = try await Self.drift(
        Scenario(workspace: "missing", entries: [Self.orders, Self.cache]), on: server
      ) { try await $0.delete("missing", "cache") }
      #expect(missing.exitCode == 2)
      #expect(Self.slugs(missing.document, "missing") == ["cache"])
      #expect(Self.onlyCategory(missing.document, "missing"))

      let absent = Self.cache.replacingOccurrences(
        of: "ignoreChanges: [memory]", with: "state: absent")
      let notDeleted = try await Self.drift(
        Scenario(workspace: "lingering", entries: [Self.orders, absent]), on: server)
      #expect(notDeleted.exitCode == 2)
      #expect(Self.slugs(notDeleted.document, "notDeleted") == ["cache"])
      #expect(Self.onlyCategory(notDeleted.document, "notDeleted"))

      let unmanaged = try await Self.drift(
        Scenario(workspace: "extra", prune: true, entries: [Self.orders, Self.cache]), on: server
      ) { try await $0.create("extra", ["slug": "by-hand", "name": "By hand", "engine": "mysql"]) }
      #expect(unmanaged.exitCode == 2)
      #expect(Self.slugs(unmanaged.document, "unmanaged") == ["by-hand"])
      let pruned = (unmanaged.document["unmanaged"] as? [[String: Any]])?.first?["pruned"]
      #expect(pruned as? Bool == true)
      #expect(Self.onlyCategory(unmanaged.document, "unmanaged"))
      #expect(unmanaged.markdown.contains("deleted by the next apply"))

      let brokenEntry = """
          - slug: broken-db
            name: Broken
            engine: postgresql
        """
      let notReady = try await Self.drift(
        Scenario(workspace: "failing", entries: [Self.orders, brokenEntry]), on: server,
        seed: ["orders"]
      ) {
        try await $0.create(
          "failing", ["slug": "broken-db", "name": "Broken", "engine": "postgresql"])
      }
      #expect(notReady.exitCode == 2)
      #expect(Self.slugs(notReady.document, "notReady") == ["broken-db"])
      let status = (notReady.document["notReady"] as? [[String: Any]])?.first?["status"]
      #expect(status as? String == "error")
      #expect(Self.onlyCategory(notReady.document, "notReady"))

      let ignored = try await Self.drift(
        Scenario(workspace: "ignored", entries: [Self.orders, Self.cache]), on: server
      ) { try await $0.patch("ignored", "cache", ["memory": "2Gi"]) }
      #expect(ignored.exitCode == 0, "memory is in ignoreChanges")

      let together = try await Self.drift(
        Scenario(
          workspace: "together",
          entries: [
            Self.orders, absent, brokenEntry,
            """
              - slug: reports
                name: Reports
                engine: mysql
            """,
          ]),
        on: server
      ) { server in
        try await server.patch("together", "orders", ["name": "Orders (renamed)"])
        try await server.create("together", ["slug": "by-hand", "name": "H", "engine": "redis"])
        try await server.create(
          "together", ["slug": "broken-db", "name": "Broken", "engine": "postgresql"])
      }
      #expect(together.exitCode == 2)
      #expect(Self.changedFields(together.document) == ["orders.name:Orders/Orders (renamed)"])
      #expect(Self.slugs(together.document, "missing") == ["reports"])
      #expect(Self.slugs(together.document, "notDeleted") == ["cache"])
      #expect(Self.slugs(together.document, "unmanaged") == ["by-hand"])
      #expect(Self.slugs(together.document, "notReady") == ["broken-db"])
      let summary = together.document["summary"] as? [String: Int]
      #expect(
        summary == ["changed": 1, "missing": 1, "notDeleted": 1, "unmanaged": 1, "notReady": 1])
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }

  @Test func workspaceOptionLimitsTheRunAndErrorsExitOne() async throws {
    let server = try await DriftTestServer.start()
    let directory = try DooordbProcess.temporaryDirectory("drift-limit")
    defer { try? FileManager.default.removeItem(at: directory) }
    try """
    workspace: quiet
    databases: []
    ---
    workspace: noisy
    databases: []
    """.write(
      to: directory.appendingPathComponent("all.yaml"), atomically: true, encoding: .utf8)
    try await server.create("noisy", ["slug": "stray", "name": "Stray", "engine": "redis"])
    let limited = try await DooordbProcess.runDetached(
      ["drift", "--workspace", "quiet"], in: directory, environment: server.environment)
    let all = try await DooordbProcess.runDetached(
      ["drift"], in: directory, environment: server.environment)
    let unknown = try await DooordbProcess.runDetached(
      ["drift", "--workspace", "nope"], in: directory, environment: server.environment)
    // The API refuses the key: an API failure, not drift.
    let refused = try await DooordbProcess.runDetached(
      ["drift"], in: directory,
      environment: server.environment.merging(["DOOOR_API_KEY": "wrong"]) { _, new in new })
    await server.stop()
    #expect(limited.exitCode == 0, "\(limited.stdout)\(limited.stderr)")
    #expect(limited.stdout.contains("No drift"))
    #expect(all.exitCode == 2)
    #expect(all.stdout.contains("noisy/stray"))
    #expect(unknown.exitCode == 1)
    #expect(refused.exitCode == 1, "\(refused.stderr)")
    for result in [limited, all, unknown, refused] {
      #expect(!(result.stdout + result.stderr).contains(DriftTestServer.apiKey))
    }
  }

  /// `dooordb graph` (same issue): coloured by the planned action when the API is reachable,
  /// plain with --offline, and never a mutating request.
  @Test func graphColoursByThePlanAndOfflineIsPlain() async throws {
    let server = try await DriftTestServer.start()
    let directory = try DooordbProcess.temporaryDirectory("graph")
    defer { try? FileManager.default.removeItem(at: directory) }
    try Scenario(workspace: "graphs", entries: [Self.orders, Self.cache]).manifest
      .replacingOccurrences(
        of: "    storageGb: 20", with: "    storageGb: 20\n    dependsOn: [cache]"
      )
      .write(
        to: directory.appendingPathComponent("databases.yaml"), atomically: true, encoding: .utf8)
    try await server.create("graphs", Self.matching["cache"]!)
    let mermaid = try await DooordbProcess.runDetached(
      ["graph"], in: directory, environment: server.environment)
    let dot = try await DooordbProcess.runDetached(
      ["graph", "--format", "dot"], in: directory, environment: server.environment)
    let offline = try await DooordbProcess.runDetached(["graph", "--offline"], in: directory)
    let mutating = server.mutatingRequests
    await server.stop()
    #expect(mermaid.exitCode == 0, "\(mermaid.stderr)")
    #expect(mermaid.stdout.contains("[\"orders (create)\"]"))
    #expect(mermaid.stdout.contains("[\"cache\"]"))
    #expect(mermaid.stdout.contains(" --> "))
    #expect(dot.stdout.hasPrefix("digraph dooordb {"))
    #expect(dot.stdout.contains("\"graphs/cache\" -> \"graphs/orders\";"))
    #expect(offline.exitCode == 0)
    #expect(!offline.stdout.contains("(create)"))
    #expect(offline.stdout.contains("[\"orders\"]"))
    #expect(mutating == 1, "only the test's own create")
  }
}
