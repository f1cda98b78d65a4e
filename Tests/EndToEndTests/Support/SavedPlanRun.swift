import Foundation
import Testing

/// A saved plan made by `plan --out plan.json` against a scripted API on which `acme/orders`
/// exists with cpu 2, so the plan updates it to 1. The API answers GETs only: reaching a PATCH
/// shows apply accepted the plan, and the requests show whether anything was changed.
struct SavedPlanRun {
  static let manifest = """
    workspace: acme
    databases:
      - slug: orders
        name: Orders
        engine: postgresql
        cpu: "1"
        protect: true
    """

  var server: ScriptedHTTPServer
  var scratch: ScratchDirectory
  var environment: [String: String]

  /// `orders` as the scripted API reports it, with `cpu`.
  static func remote(cpu: String) -> String {
    ScriptedWire.json([
      "id": "db-1", "slug": "orders", "name": "Orders", "engine": "postgresql",
      "status": "ready", "cpu": cpu,
    ])
  }

  /// The scripted API: `orders` in `acme` with `cpu`, any write refused.
  static func server(cpu: String = "2") throws -> ScriptedHTTPServer {
    try ScriptedHTTPServer { request in
      let database = remote(cpu: cpu)
      if request.method != "GET" {
        return .json(status: 500, body: #"{"error":{"code":"x","message":"not scripted"}}"#)
      }
      if request.path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        return .json(
          status: 200, body: ScriptedWire.page([database], page: 1, totalPages: 1, total: 1))
      }
      return .json(status: 200, body: database)
    }
  }

  /// Plans into `plan.json` against `orders` with `remoteCPU` (with "1", nothing changes);
  /// `stop()` it at the end of the test.
  static func planned(remoteCPU: String = "2") async throws -> SavedPlanRun {
    let server = try server(cpu: remoteCPU)
    let scratch = try ScratchDirectory()
    try scratch.write("acme.yaml", manifest)
    let environment = [
      "DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_saved", "NO_COLOR": "1",
    ]
    let planned = try await BoundedDooordb(
      ["plan", "acme.yaml", "--out", "plan.json"], in: scratch.url, environment: environment
    ).wait()
    #expect(planned.exitCode == 0, "\(planned.stderr)")
    return SavedPlanRun(server: server, scratch: scratch, environment: environment)
  }

  func stop() {
    server.stop()
    scratch.remove()
  }

  var text: String {
    get throws { try String(contentsOf: scratch.file("plan.json"), encoding: .utf8) }
  }

  func write(_ text: String) throws {
    try Data(text.utf8).write(to: scratch.file("plan.json"))
  }

  /// `apply --plan plan.json` with `extra` arguments, against the planned API unless
  /// `override` says otherwise.
  func apply(_ extra: [String] = [], environment override: [String: String] = [:])
    async throws -> BoundedDooordb.Result
  {
    try await BoundedDooordb(
      ["apply", "--plan", "plan.json"] + extra, in: scratch.url,
      environment: environment.merging(override) { $1 }
    ).wait()
  }

  /// Rewrites the saved plan with `edit` applied and its checksum recomputed.
  func reseal(_ edit: (String) -> String) async throws {
    let original = try text
    let edited = edit(original)
    #expect(edited != original, "the edit found nothing to change")
    try write(try await Self.reseal(edited))
  }

  /// The saved plan `file` bound to `apiURL` instead, resealed: for a test that restarts its
  /// server over the same state on another port, as if the API had not moved.
  static func rebind(_ file: URL, to apiURL: String) async throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let moved = text.replacing(/"apiURL": "[^"]*"/) { _ in "\"apiURL\": \"\(apiURL)\"" }
    try Data(try await reseal(moved).utf8).write(to: file)
  }

  var changedNothing: Bool { server.requests.allSatisfy { $0.method == "GET" } }
  var reachedThePatch: Bool { server.requests.contains { $0.method == "PATCH" } }

  /// What an editor who knows the format does: the checksum line recomputed with `sha256sum`,
  /// waited for off the cooperative pool.
  static func reseal(_ text: String) async throws -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = try #require(lines.firstIndex { $0.hasPrefix("  \"checksum\": ") })
    lines.remove(at: index)
    let unsealed = lines.joined(separator: "\n")
    let sum = try await runPiped(["sha256sum"], input: unsealed)
    let digest = String(decoding: sum.output, as: UTF8.self).prefix(64)
    lines.insert("  \"checksum\": \"sha256:\(digest)\",", at: index)
    return lines.joined(separator: "\n")
  }
}
