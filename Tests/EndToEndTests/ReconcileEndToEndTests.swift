import Foundation
import Testing

/// `dooordb reconcile` in drift mode against a local API: drift made through the API shows in
/// /metrics within an interval and goes when fixed, a broken manifest keeps the metrics served,
/// an API that cannot be reached keeps the process unready with its last-success series at 0,
/// and Ctrl-C during a request in flight exits 0.
@Suite(.timeLimit(.minutes(3)))
struct ReconcileEndToEndTests {
  static let manifest = """
    workspace: demo
    databases:
      - {slug: app-db, name: App, engine: postgresql, cpu: 500m}

    """

  /// A local API holding the manifest's database, applied; returns its id.
  static func setUp(serverArguments: [String] = []) async throws -> (
    ScratchDirectory, LocalServerProcess, String
  ) {
    let scratch = try ScratchDirectory()
    try scratch.write("db.yaml", manifest)
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"), extraArguments: serverArguments)
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

  /// The database as `get --format json` shows it.
  static func database(_ scratch: ScratchDirectory, _ server: LocalServerProcess) async throws
    -> [String: Any]
  {
    let got = try await DooordbProcess.run(
      ["get", "--workspace", "demo", "app-db", "--format", "json"], in: scratch.url,
      environment: server.environment)
    return try #require(
      try JSONSerialization.jsonObject(with: Data(got.stdout.utf8)) as? [String: Any])
  }

  @Test func driftAppearsInTheMetricsAndGoesWhenFixed() async throws {
    let (scratch, server, id) = try await Self.setUp()
    defer {
      server.stop()
      scratch.remove()
    }
    try scratch.write(
      "small.policy.yaml", "policies:\n  - name: small\n    max: {cpu: \"1\"}\n")
    let reconcile = try await ReconcileProcess.start(
      ["--policy", "small.policy.yaml"], in: scratch, environment: server.environment)
    defer { reconcile.killIfRunning() }
    try await reconcile.waitUntil("a cycle without drift") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "no_drift"]) ?? 0 >= 1
    }
    #expect(
      try await reconcile.value(
        "dooordb_drift_databases", ["workspace": "demo", "kind": "changed"]) == 0)
    #expect(try reconcile.get("/readyz") == "ready\n", "a cycle reached the API")
    #expect(try await reconcile.value("dooordb_reconcile_last_success_timestamp_seconds") ?? 0 > 0)
    #expect(
      try await reconcile.value(
        "dooordb_api_requests_total",
        ["method": "GET", "route": "/workspaces/{workspace}/databases", "status": "200"]) ?? 0
        >= 1)

    // At --interval 1s, the drift shows at the next cycle: within two intervals, plus slack
    // for a scrape on a loaded machine.
    try Self.patch(server, id: id, #"{"cpu": "2"}"#)
    try await reconcile.waitUntil("the changed database in /metrics", within: .seconds(4)) {
      try await reconcile.value("dooordb_drifting_database", ["slug": "app-db", "kind": "changed"])
        == 1
    }
    #expect(
      try await reconcile.value(
        "dooordb_drift_databases", ["workspace": "demo", "kind": "changed"]) == 1)
    // The live cpu of 2 breaks the policy's ceiling of 1.
    #expect(
      try await reconcile.value("dooordb_policy_violations", ["policy": "small", "scope": "live"])
        == 1)

    try Self.patch(server, id: id, #"{"cpu": "500m"}"#)
    try await reconcile.waitUntil("the drift gone from /metrics", within: .seconds(4)) {
      try await reconcile.value("dooordb_drifting_database", ["slug": "app-db"]) == nil
    }
    #expect(
      try await reconcile.value(
        "dooordb_drift_databases", ["workspace": "demo", "kind": "changed"]) == 0)
    #expect(try await reconcile.value("dooordb_policy_violations", ["policy": "small"]) == 0)

    // A bad commit: the cycle fails with the located error; metrics stay served.
    try scratch.write(
      "db.yaml", "workspace: demo\ndatabases:\n  - {slug: Bad_Slug, engine: oracle}\n")
    try await reconcile.waitUntil("three cycles failed on invalid manifests") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "invalid_manifests"])
        ?? 0
        >= 3
    }
    #expect(try reconcile.get("/healthz") == "ok\n")
    #expect(try await reconcile.value("dooordb_reconcile_last_success_timestamp_seconds") ?? 0 > 0)
    // Every cycle is timed.
    let cycles = try await reconcile.total("dooordb_reconcile_cycles_total")
    #expect(
      try await reconcile.value("dooordb_reconcile_cycle_duration_seconds_count") ?? 0 >= cycles)

    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0, "\(stopped.stderr)")
    // Each drift is logged once when it starts and once when it ends, not every cycle.
    #expect(stopped.stderr.components(separatedBy: "drift started").count == 2, "\(stopped.stderr)")
    #expect(stopped.stderr.components(separatedBy: "drift ended").count == 2)
    // The bad commit's errors are located, field by field, once for three failed cycles.
    let located = stopped.stderr.split(separator: "\n").filter {
      $0.contains("invalid manifest")
        && $0.contains("error.column=12 error.file=db.yaml error.line=3")
    }
    #expect(located.count == 1, "\(stopped.stderr)")
    // A value with spaces is quoted (logfmt), so the line splits back into its fields.
    #expect(located.first?.contains(#"error.message="slug"#) == true, "\(located)")
  }

  @Test func anAPIThatCannotBeReachedIsUnreadyAndItsLastSuccessIsZero() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("db.yaml", Self.manifest)
    // Nothing listens on port 1.
    let reconcile = try await ReconcileProcess.start(
      ["--api-url", "http://127.0.0.1:1/api/v1"], in: scratch,
      environment: ["DOOOR_API_KEY": "dor_sk_e2e_key_77"])
    defer { reconcile.killIfRunning() }
    try await reconcile.waitUntil("two cycles failed on the API") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "api_error"]) ?? 0 >= 2
    }
    // The series an alert on "no success for three intervals" reads exists from the start.
    #expect(try await reconcile.value("dooordb_reconcile_last_success_timestamp_seconds") == 0)
    #expect(try await reconcile.value("dooordb_reconcile_start_timestamp_seconds") ?? 0 > 0)
    #expect(try reconcile.get("/readyz").hasPrefix("not ready: the last cycle did not reach"))
    #expect(try reconcile.get("/healthz") == "ok\n")
    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0, "\(stopped.stderr)")
    // The same failure every cycle is logged when it starts, not every interval.
    #expect(
      stopped.stderr.components(separatedBy: "the API could not be read").count == 2,
      "\(stopped.stderr)")
    #expect(!stopped.stderr.contains("dor_sk_e2e_key_77"))
  }

  @Test func ctrlCDuringARequestInFlightEndsItAndExitsZero() async throws {
    // Every update takes 15 s to answer.
    let (scratch, server, _) = try await Self.setUp(serverArguments: [
      "--latency", "15s", "--fault-endpoints", "update",
    ])
    defer {
      server.stop()
      scratch.remove()
    }
    try scratch.write("db.yaml", Self.manifest.replacingOccurrences(of: "500m", with: "250m"))
    let reconcile = try await ReconcileProcess.start(
      ["--mode", "apply"], in: scratch, environment: server.environment)
    defer { reconcile.killIfRunning() }
    try await reconcile.waitUntil("the update request in flight") {
      try server.statistics().requestsByMethod?["PATCH"] ?? 0 >= 1
    }
    let clock = ContinuousClock()
    let interrupted = clock.now
    let stopped = await reconcile.stop(with: SIGINT)
    #expect(stopped.exitCode == 0, "\(stopped.stderr)")
    #expect(clock.now - interrupted < .seconds(5), "the 15 s request was not waited for")
    #expect(stopped.stderr.contains("signal=Interrupt"), "\(stopped.stderr)")
    // The interrupted change is told, so whoever reads the log knows it may not have landed.
    #expect(
      stopped.stderr.contains("not applied action=update database=demo/app-db"),
      "\(stopped.stderr)")
  }
}
