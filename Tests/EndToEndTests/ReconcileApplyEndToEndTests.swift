import Foundation
import Testing

/// `dooordb reconcile --mode apply` against a local API: it converges a changed field, and
/// refuses what `apply` would refuse, each with its result and log line: a bad commit (the
/// previous good plan is not applied), a plan with errors, a mandatory policy violation (also
/// in the policy metric) and a destructive plan.
@Suite(.timeLimit(.minutes(3)))
struct ReconcileApplyEndToEndTests {
  static func manifest(_ fields: String) -> String {
    "workspace: demo\ndatabases:\n  - {slug: app-db, name: App, engine: postgresql, \(fields)}\n"
  }

  static func policy(maxCPU: String) -> String {
    "policies:\n  - name: small\n    enforcement: mandatory\n    max: {cpu: \"\(maxCPU)\"}\n"
  }

  @Test func applyModeConvergesAndRefusesWhatApplyWouldRefuse() async throws {
    let (scratch, server, id) = try await ReconcileEndToEndTests.setUp()
    defer {
      server.stop()
      scratch.remove()
    }
    try scratch.write("small.policy.yaml", Self.policy(maxCPU: "4"))
    try ReconcileEndToEndTests.patch(server, id: id, #"{"cpu": "2"}"#)
    let reconcile = try await ReconcileProcess.start(
      ["--mode", "apply", "--log-format", "json", "--policy", "small.policy.yaml"], in: scratch,
      environment: server.environment)
    defer { reconcile.killIfRunning() }
    try await reconcile.waitUntil("the changed cpu applied") {
      try await reconcile.value("dooordb_actions_applied_total", ["action": "update"]) ?? 0 >= 1
    }
    #expect(try await ReconcileEndToEndTests.database(scratch, server)["cpu"] as? String == "500m")
    let applied = try await reconcile.value("dooordb_actions_applied_total", ["action": "update"])

    // A bad commit while the database drifts again: the last good manifest is not applied.
    try scratch.write("db.yaml", "workspace: demo\ndatabases:\n  - {slug: Bad_Slug}\n")
    try ReconcileEndToEndTests.patch(server, id: id, #"{"cpu": "2"}"#)
    try await reconcile.waitUntil("two cycles failed on invalid manifests") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "invalid_manifests"])
        ?? 0
        >= 2
    }
    #expect(
      try await reconcile.value("dooordb_actions_applied_total", ["action": "update"]) == applied)
    #expect(try await ReconcileEndToEndTests.database(scratch, server)["cpu"] as? String == "2")

    // Storage can only grow: the plan has an error, refused as apply refuses it.
    try scratch.write("db.yaml", Self.manifest(#"cpu: "2", storageGb: 1"#))
    try await reconcile.waitUntil("the plan with an error refused") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "refused_errors"]) ?? 0
        >= 1
    }

    // A cpu over the mandatory ceiling: refused, and the violation is in the metrics. (The
    // policy first: cpu 3 under the looser one would be applied.)
    try scratch.write("small.policy.yaml", Self.policy(maxCPU: "1"))
    try scratch.write("db.yaml", Self.manifest(#"cpu: "3""#))
    try await reconcile.waitUntil("the plan breaking a mandatory policy refused") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "refused_policy"]) ?? 0
        >= 1
    }
    #expect(
      try await reconcile.value("dooordb_policy_violations", ["policy": "small", "scope": "plan"])
        == 1)

    // A new storage class replaces the database: reported, never applied. (The manifest
    // first: cpu 3 under the looser policy would be applied.)
    try scratch.write("db.yaml", Self.manifest(#"cpu: "2", storageClass: fast"#))
    try scratch.write("small.policy.yaml", Self.policy(maxCPU: "4"))
    try await reconcile.waitUntil("the destructive plan refused") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "refused_destructive"])
        ?? 0
        >= 1
    }
    try await reconcile.waitUntil("the plan within the looser policy") {
      try await reconcile.value("dooordb_policy_violations", ["policy": "small", "scope": "plan"])
        == 0
    }
    #expect(
      try await reconcile.value("dooordb_actions_applied_total", ["action": "update"]) == applied)
    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0)
    let after = try await ReconcileEndToEndTests.database(scratch, server)
    #expect(after["id"] as? String == id, "the database was replaced")
    #expect(after["cpu"] as? String == "2")

    // --log-format json: every line is one JSON object.
    let lines = stopped.stderr.split(separator: "\n")
    let objects = ReconcileProcess.jsonLines(stopped.stderr)
    #expect(!lines.isEmpty && objects.count == lines.count, "\(stopped.stderr)")
    // Errors carry the error documents' fields: file, line, column, message.
    let invalid = objects.first { $0["message"] as? String == "invalid manifest" }
    let invalidError = invalid?["error"] as? [String: Any]
    #expect(invalidError?["file"] as? String == "db.yaml", "\(stopped.stderr)")
    #expect(invalidError?["line"] as? Int == 3)
    #expect(invalidError?["column"] is Int)
    let planError = objects.first { $0["message"] as? String == "plan error" }?["error"]
    let planErrorFields = planError as? [String: Any]
    #expect(planErrorFields?["file"] as? String == "db.yaml", "\(stopped.stderr)")
    #expect(planErrorFields?["line"] as? Int == 3)
    #expect((planErrorFields?["message"] as? String)?.contains("can only grow") == true)
    // Each refusal is logged when it starts or its reasons change, not every cycle.
    var refusals: [String] = []
    for object in objects where object["message"] as? String == "a plan was not applied" {
      if let result = object["result"] as? String, refusals.last != result {
        refusals.append(result)
      }
    }
    #expect(refusals == ["refused_errors", "refused_policy", "refused_destructive"], "\(refusals)")
    let destructive = objects.last { $0["message"] as? String == "a plan was not applied" }
    let reasons = destructive?["reasons"] as? String ?? ""
    #expect(reasons.contains("replace demo/app-db"), "\(reasons)")
    #expect(!reasons.contains("--allow-destroy"), "reconcile has no such option: \(reasons)")
  }
}
