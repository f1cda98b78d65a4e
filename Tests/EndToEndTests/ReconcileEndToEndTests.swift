import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `dooordb reconcile` against a local API: drift made through the API shows in /metrics
/// within an interval and goes when fixed, apply mode converges a changed field and refuses a
/// destructive plan, and a broken manifest keeps the metrics served. /metrics is read with the
/// prometheus_client package's parser (scripts/parse-prometheus-text).
@Suite(.timeLimit(.minutes(3)))
struct ReconcileEndToEndTests {
  struct Sample: Decodable {
    var name: String
    var labels: [String: String]
    var value: Double
  }

  static let manifest = """
    workspace: demo
    databases:
      - {slug: app-db, name: App, engine: postgresql, cpu: 500m}

    """

  /// A reconcile process, its metrics URL, and the local API it watches.
  struct Running {
    let process: DooordbProcess.Running
    let metricsURL: String

    static func start(
      _ arguments: [String], in scratch: ScratchDirectory, server: LocalServerProcess
    ) async throws -> Running {
      let process = try DooordbProcess.start(
        ["reconcile", "db.yaml", "--interval", "1s", "--listen", "127.0.0.1:0"] + arguments,
        in: scratch.url, environment: server.environment)
      let deadline = Date().addingTimeInterval(30)
      while Date() < deadline {
        if let line = process.stdoutSoFar.split(separator: "\n").first(where: {
          $0.contains("/metrics")
        }),
          let start = line.range(of: "http://")
        {
          return Running(process: process, metricsURL: String(line[start.lowerBound...]))
        }
        try await Task.sleep(for: .milliseconds(50))
      }
      process.interrupt()
      _ = await process.wait()
      throw HTTP.Failure(description: "reconcile printed no metrics URL")
    }

    func samples() throws -> [Sample] {
      let text = try HTTP.get(metricsURL)
      let parser = Process()
      parser.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      parser.arguments = [
        "python3",
        DooordbProcess.repositoryRoot.appendingPathComponent("scripts/parse-prometheus-text").path,
      ]
      let input = Pipe()
      let output = Pipe()
      parser.standardInput = input
      parser.standardOutput = output
      try parser.run()
      input.fileHandleForWriting.write(Data(text.utf8))
      try input.fileHandleForWriting.close()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      parser.waitUntilExit()
      try #require(
        parser.terminationStatus == 0, "prometheus_client could not parse /metrics:\n\(text)")
      return try JSONDecoder().decode([Sample].self, from: data)
    }

    func value(_ name: String, _ labels: [String: String] = [:]) throws -> Double? {
      try samples().first { sample in
        sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
      }?.value
    }

    /// Waits (up to 30 s) until `condition` holds on the metrics.
    func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
      let deadline = Date().addingTimeInterval(30)
      while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
      }
      Issue.record("never happened: \(what)")
    }

    /// SIGTERM, as a CI cancellation or `kubectl delete` sends.
    func stop() async -> DooordbProcess.Result {
      kill(process.process.processIdentifier, SIGTERM)
      return await process.wait()
    }
  }

  static func setUp() async throws -> (ScratchDirectory, LocalServerProcess, String) {
    let scratch = try ScratchDirectory()
    try scratch.write("db.yaml", manifest)
    let server = try LocalServerProcess(stateFile: scratch.file("state.json"))
    let applied = try await DooordbProcess.run(
      ["apply", "--auto-approve", "db.yaml"], in: scratch.url, environment: server.environment)
    try #require(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    let got = try await DooordbProcess.run(
      ["get", "--workspace", "demo", "app-db", "--format", "json"], in: scratch.url,
      environment: server.environment)
    let id = try #require(
      (try JSONSerialization.jsonObject(with: Data(got.stdout.utf8)) as? [String: Any])?["id"]
        as? String)
    return (scratch, server, id)
  }

  static func patch(_ server: LocalServerProcess, id: String, _ body: String) throws {
    _ = try HTTP.send(
      "PATCH", server.url + "/workspaces/demo/databases/\(id)", body: body,
      key: server.apiKey)
  }

  @Test func driftAppearsInTheMetricsAndGoesWhenFixed() async throws {
    let (scratch, server, id) = try await Self.setUp()
    defer {
      server.stop()
      scratch.remove()
    }
    try scratch.write(
      "small.policy.yaml", "policies:\n  - name: small\n    max: {cpu: \"1\"}\n")
    let reconcile = try await Running.start(
      ["--policy", "small.policy.yaml"], in: scratch, server: server)
    try await reconcile.waitUntil("a cycle without drift") {
      try reconcile.value("dooordb_reconcile_cycles_total", ["result": "no_drift"]) ?? 0 >= 1
    }
    #expect(
      try reconcile.value("dooordb_drift_databases", ["workspace": "demo", "kind": "changed"]) == 0)

    try Self.patch(server, id: id, #"{"cpu": "2"}"#)
    try await reconcile.waitUntil("the changed database in /metrics") {
      try reconcile.value("dooordb_drifting_database", ["slug": "app-db", "kind": "changed"]) == 1
    }
    #expect(
      try reconcile.value("dooordb_drift_databases", ["workspace": "demo", "kind": "changed"]) == 1)
    // The live cpu of 2 breaks the policy's ceiling of 1.
    #expect(try reconcile.value("dooordb_policy_violations", ["policy": "small"]) == 1)

    try Self.patch(server, id: id, #"{"cpu": "500m"}"#)
    try await reconcile.waitUntil("the drift gone from /metrics") {
      try reconcile.value("dooordb_drifting_database", ["slug": "app-db"]) == nil
    }
    #expect(
      try reconcile.value("dooordb_drift_databases", ["workspace": "demo", "kind": "changed"]) == 0)
    #expect(try reconcile.value("dooordb_policy_violations", ["policy": "small"]) == 0)

    // A bad commit: the cycle fails with the located error; metrics stay served.
    try scratch.write(
      "db.yaml", "workspace: demo\ndatabases:\n  - {slug: Bad_Slug, engine: oracle}\n")
    try await reconcile.waitUntil("a cycle failed on invalid manifests") {
      try reconcile.value("dooordb_reconcile_cycles_total", ["result": "invalid_manifests"]) ?? 0
        >= 1
    }
    #expect(
      try HTTP.get(reconcile.metricsURL.replacingOccurrences(of: "/metrics", with: "/healthz"))
        == "ok\n")
    #expect(try reconcile.value("dooordb_reconcile_last_success_timestamp_seconds") ?? 0 > 0)

    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0, "\(stopped.stderr)")
    // Each drift is logged once when it starts and once when it ends, not every cycle.
    #expect(stopped.stderr.components(separatedBy: "drift started").count == 2, "\(stopped.stderr)")
    #expect(stopped.stderr.components(separatedBy: "drift ended").count == 2)
    #expect(
      stopped.stderr.contains("db.yaml:3:12"), "the invalid manifest is located: \(stopped.stderr)")
  }

  @Test func applyModeConvergesAndNeverAppliesADestructivePlan() async throws {
    let (scratch, server, id) = try await Self.setUp()
    defer {
      server.stop()
      scratch.remove()
    }
    try Self.patch(server, id: id, #"{"cpu": "2"}"#)
    let reconcile = try await Running.start(
      ["--mode", "apply", "--log-format", "json"], in: scratch, server: server)
    try await reconcile.waitUntil("the changed cpu applied") {
      try reconcile.value("dooordb_actions_applied_total", ["action": "update"]) ?? 0 >= 1
    }
    let got = try await DooordbProcess.run(
      ["get", "--workspace", "demo", "app-db", "--format", "json"], in: scratch.url,
      environment: server.environment)
    #expect(
      got.stdout.contains(#""cpu" : "500m""#) || got.stdout.contains(#""cpu":"500m""#),
      "\(got.stdout)")

    // A new storage class replaces the database: reported, never applied.
    try scratch.write(
      "db.yaml",
      "workspace: demo\ndatabases:\n  - {slug: app-db, name: App, engine: postgresql, cpu: 500m, storageClass: fast}\n"
    )
    try await reconcile.waitUntil("the destructive plan refused") {
      try reconcile.value("dooordb_reconcile_cycles_total", ["result": "refused_destructive"]) ?? 0
        >= 1
    }
    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0)
    let after = try await DooordbProcess.run(
      ["get", "--workspace", "demo", "app-db", "--format", "json"], in: scratch.url,
      environment: server.environment)
    #expect(after.stdout.contains(id), "the database was replaced")
    // --log-format json: every line is one JSON object.
    for line in stopped.stderr.split(separator: "\n") {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
    }
  }
}
