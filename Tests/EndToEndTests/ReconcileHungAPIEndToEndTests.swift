import Foundation
import Testing

/// `/readyz` against an API that answers the first listing and then stalls every answer: ready
/// after the first cycle, not ready once the stuck cycle has run past its interval.
@Suite(.timeLimit(.minutes(1)))
struct ReconcileHungAPIEndToEndTests {
  @Test func aCycleStuckOnTheAPIPastItsIntervalIsNotReady() async throws {
    let listings = SharedValue(0)
    let server = try ScriptedHTTPServer { _ in
      let listing = listings.update {
        $0 += 1
        return $0
      }
      guard listing == 1 else { return .stallAfterHeaders(status: 200, contentLength: 100) }
      return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("db.yaml", ReconcileEndToEndTests.manifest)
    let reconcile = try await ReconcileProcess.start(
      ["--interval", "2s"], in: scratch,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_hung"])
    // The first cycle finds the database missing; the second starts 2 s later and hangs.
    try await reconcile.waitUntil("the first cycle reached the API") {
      try reconcile.value("dooordb_reconcile_cycles_total", ["result": "drift"]) ?? 0 >= 1
    }
    #expect(try reconcile.get("/readyz") == "ready\n")
    try await reconcile.waitUntil("not ready once the stuck cycle overran", within: .seconds(10)) {
      try reconcile.get("/readyz").hasPrefix("not ready")
    }
    #expect(try reconcile.total("dooordb_reconcile_cycles_total") == 1, "the stuck cycle ended")
    let stopped = await reconcile.stop()
    #expect(stopped.exitCode == 0, "\(stopped.stderr)")
  }
}
