import Foundation
import Testing

/// examples/reconcile/'s Kubernetes Deployment, Prometheus configuration and alert rules are
/// real files that parse (scripts/read-reconcile-examples, with PyYAML), the Deployment passes
/// the key in a way a non-root container can use, and every metric the alerts read is one a
/// running reconciler serves.
@Suite(.timeLimit(.minutes(2)))
struct ReconcileExamplesTests {
  struct AlertMetrics: Decodable {
    var metrics: [String]
  }

  @Test func theAlertRulesReadMetricsReconcileServes() async throws {
    let read = try await BashScript.run(
      ["-c", "python3 scripts/read-reconcile-examples"], in: DooordbProcess.repositoryRoot)
    try #require(read.status == 0, "\(read.output)")
    let used = try JSONDecoder().decode(AlertMetrics.self, from: Data(read.output.utf8)).metrics
    #expect(used.count >= 3, "\(used)")

    let (scratch, server, _) = try await ReconcileEndToEndTests.setUp()
    defer {
      server.stop()
      scratch.remove()
    }
    let reconcile = try await ReconcileProcess.start(
      [], in: scratch, environment: server.environment)
    defer { reconcile.killIfRunning() }
    try await reconcile.waitUntil("a cycle without drift") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "no_drift"]) ?? 0 >= 1
    }
    let served = Set(try await reconcile.samples().map(\.name))
    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0)
    for metric in used {
      #expect(served.contains(metric), "\(metric) is in an alert rule but not in /metrics")
    }
  }
}
