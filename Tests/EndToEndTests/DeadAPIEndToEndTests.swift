import Foundation
import Testing

/// The API dies during a 30-database apply: after 3 calls in a row got no answer, apply starts
/// nothing new and says why, instead of letting every remaining step fail on its own.
@Suite(.timeLimit(.minutes(1))) struct DeadAPIEndToEndTests {
  static let slugs = (0..<30).map { "db-\($0 < 10 ? "0" : "")\($0)" }

  static var manifest: String {
    "workspace: acme\ndatabases:\n"
      + slugs.map { "  - slug: \($0)\n    name: \($0)\n    engine: postgresql\n" }.joined()
  }

  @Test func applyStopsStartingChangesOnceTheAPIStopsAnswering() throws {
    let server = try ScriptedHTTPServer { request in
      if request.method == "POST" {
        let slug =
          String(decoding: request.body, as: UTF8.self)
          .components(separatedBy: "\"slug\":\"").dropFirst().first?
          .prefix { $0 != "\"" } ?? "unknown"
        return .json(
          status: 201, body: ScriptedWire.database(id: "id-\(slug)", slug: String(slug)))
      }
      if request.path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
      }
      if request.path.hasSuffix("/status") {
        return .json(status: 200, body: #"{"ready":1,"desired":1}"#)
      }
      let id = request.path.split(separator: "/").last.map(String.init) ?? ""
      return .json(
        status: 200, body: ScriptedWire.database(id: id, slug: String(id.dropFirst(3))))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", Self.manifest)
    let run = try BoundedDooordb(
      ["apply", "--auto-approve", "--parallelism", "2", "acme.yaml"], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_dead", "NO_COLOR": "1"])
    // Kill the API once a few databases were made.
    #expect(run.waitForStderr { _ in server.requests.count { $0.method == "POST" } >= 3 })
    server.stop()
    let result = run.wait(deadline: .seconds(50))
    #expect(!result.killedAtDeadline, "apply kept going against a dead API")
    #expect(result.exitCode == 1)
    #expect(
      result.stdout.contains("Stopped: the API did not answer 3 requests in a row"),
      "\(result.stdout)")
    let notStarted = result.stdout.split(separator: "\n").count { $0.contains("not started") }
    #expect(notStarted >= 15, "\(result.stdout)")
    #expect(result.elapsed < .seconds(40))
  }
}
