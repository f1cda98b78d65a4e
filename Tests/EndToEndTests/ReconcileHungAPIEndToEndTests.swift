import Foundation
import Testing

/// `/readyz` against an API that answers until the test makes it stall every answer: ready
/// while cycles reach it, not ready once the stuck cycle has heard nothing for an interval.
@Suite(.timeLimit(.minutes(1)))
struct ReconcileHungAPIEndToEndTests {
  @Test func aCycleStuckOnTheAPIPastItsIntervalIsNotReady() async throws {
    let stalls = SharedValue(false)
    let server = try ScriptedHTTPServer { _ in
      guard !stalls.value else { return .stallAfterHeaders(status: 200, contentLength: 100) }
      return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("db.yaml", ReconcileEndToEndTests.manifest)
    let reconcile = try await ReconcileProcess.start(
      [], in: scratch, environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_hung"])
    defer { reconcile.killIfRunning() }
    // Each cycle finds the database missing: drift, and the API reached.
    try await reconcile.waitUntil("a cycle reached the API") {
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "drift"]) ?? 0 >= 1
    }
    #expect(try reconcile.get("/readyz") == "ready\n")
    stalls.update { $0 = true }
    let ended = try await reconcile.total("dooordb_reconcile_cycles_total")
    // At --interval 1s the next cycle starts within a second, hangs, and overruns a second on.
    try await reconcile.waitUntil("not ready once the stuck cycle overran", within: .seconds(10)) {
      try reconcile.get("/readyz").hasPrefix("not ready")
    }
    // The cycle is stuck, not failed: at most the one under way when the API stalled ended.
    #expect(try await reconcile.total("dooordb_reconcile_cycles_total") <= ended + 1)
    #expect(
      try await reconcile.value("dooordb_reconcile_cycles_total", ["result": "api_error"]) == nil)
    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0, "\(stopped.stderr)")
  }
}
