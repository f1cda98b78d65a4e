import Foundation
import Testing

/// The API stops answering (it accepts connections and never replies, as a `kill -STOP`ped
/// server does) during a 60-database apply, while 4 creates wait to be ready. Each request would otherwise try 6 times for the
/// full request timeout before apply's breaker heard of one failure; once 3 tries of the client
/// in a row went unanswered no failed try is made again, so the run stops within the bound
/// README states: about 5 × the request timeout plus a second of backoff.
@Suite(.timeLimit(.minutes(1))) struct HungAPIEndToEndTests {
  static let slugs = (0..<60).map { String(format: "db-%02d", $0) }

  static var manifest: String {
    "workspace: acme\ndatabases:\n"
      + slugs.map { "  - slug: \($0)\n    name: \($0)\n    engine: postgresql\n" }.joined()
  }

  @Test func applyAgainstAHungAPIStopsWithinTheStatedBound() async throws {
    // The plan's listing and the first 4 creates are answered (the databases provisioning);
    // after that nothing is, so the 4 steps under way wait on readiness polls that hang.
    let creates = SharedValue(0)
    let server = try ScriptedHTTPServer { request in
      guard creates.value < 4 else { return .silence }
      guard request.method == "POST" else {
        return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
      }
      let slug = creates.update {
        $0 += 1
        return Self.slugs[$0 - 1]
      }
      return .json(
        status: 201,
        body: ScriptedWire.database(id: "id-\(slug)", slug: slug, status: "provisioning"))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", Self.manifest)
    let run = try BoundedDooordb(
      [
        "apply", "--auto-approve", "--parallelism", "4", "--request-timeout", "2s", "acme.yaml",
      ], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_hung", "NO_COLOR": "1"])
    let result = await run.wait(deadline: .seconds(50))
    #expect(!result.killedAtDeadline, "apply kept going against a hung API")
    #expect(result.exitCode == 1)
    // 5 × 2 s + 1 s of backoff is the stated bound (about 2 × 2 s here, with 4 requests in
    // flight); 2 s more for a debug build starting on a busy machine.
    #expect(result.elapsed < .seconds(13), "took \(result.elapsed)")
    #expect(
      result.stdout.contains("Stopped: the API did not answer 3 requests in a row"),
      "\(result.stdout)")
    #expect(result.stdout.contains("no answer in time"), "\(result.stdout)")
    #expect(server.requests.count { $0.method == "POST" } == 4)
  }
}
