import Foundation
import Testing

/// A saved plan is applied exactly as reviewed: an edit after `plan --out` is refused by its
/// checksum, and an edit whose checksum was recomputed is refused because the changes no longer
/// follow from the declarations (apply sends the declarations) or would delete a protected
/// database. Nothing but GETs reaches the API in any refused case.
@Suite(.timeLimit(.minutes(1))) struct SavedPlanIntegrityEndToEndTests {
  static let manifest = """
    workspace: acme
    databases:
      - slug: orders
        name: Orders
        engine: postgresql
        cpu: "1"
        protect: true
    """

  /// `orders` exists with cpu 2, so the plan updates it to 1.
  static func server() throws -> ScriptedHTTPServer {
    try ScriptedHTTPServer { request in
      let database = ScriptedWire.json([
        "id": "db-1", "slug": "orders", "name": "Orders", "engine": "postgresql",
        "status": "ready", "cpu": "2",
      ])
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

  struct Tampering: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var edit: @Sendable (String) -> String
    var resealed: Bool
    var refusal: String
  }

  static let tamperings: [Tampering] = [
    Tampering(
      testDescription: "declared cpu raised, checksum left",
      edit: { $0.replacingOccurrences(of: #""cpu": "1","#, with: #""cpu": "64","#) },
      resealed: false, refusal: "was changed after `plan --out` wrote it"),
    Tampering(
      testDescription: "declared cpu raised, checksum recomputed",
      edit: { $0.replacingOccurrences(of: #""cpu": "1","#, with: #""cpu": "64","#) },
      resealed: true, refusal: "acme/orders: the update and fields shown are not what"),
    Tampering(
      testDescription: "update turned into a delete of a protected database",
      edit: { $0.replacingOccurrences(of: #""action": "update""#, with: #""action": "delete""#) },
      resealed: true, refusal: "acme/orders is protected (protect: true), but the plan would delete"
    ),
    Tampering(
      testDescription: "checksum line removed",
      edit: {
        $0.split(separator: "\n").filter { !$0.contains("\"checksum\"") }.joined(separator: "\n")
      },
      resealed: false, refusal: "it has no checksum"),
  ]

  @Test(arguments: tamperings)
  func aTamperedSavedPlanIsRefused(_ tampering: Tampering) throws {
    let server = try Self.server()
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", Self.manifest)
    let environment = [
      "DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_saved", "NO_COLOR": "1",
    ]
    let planned = try BoundedDooordb(
      ["plan", "acme.yaml", "--out", "plan.json"], in: scratch.url, environment: environment
    ).wait()
    #expect(planned.exitCode == 0, "\(planned.stderr)")
    let original = try String(contentsOf: scratch.file("plan.json"), encoding: .utf8)
    var edited = tampering.edit(original)
    #expect(edited != original)
    if tampering.resealed { edited = try Self.reseal(edited) }
    try Data(edited.utf8).write(to: scratch.file("plan.json"))

    let applied = try BoundedDooordb(
      ["apply", "--plan", "plan.json", "--auto-approve", "--allow-destroy"], in: scratch.url,
      environment: environment
    ).wait()
    #expect(applied.exitCode == 1)
    #expect(applied.stderr.contains(tampering.refusal), "\(applied.stderr)")
    #expect(server.requests.allSatisfy { $0.method == "GET" })
  }

  @Test func anUntouchedSavedPlanApplies() throws {
    let server = try Self.server()
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", Self.manifest)
    let environment = [
      "DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_saved", "NO_COLOR": "1",
    ]
    _ = try BoundedDooordb(
      ["plan", "acme.yaml", "--out", "plan.json"], in: scratch.url, environment: environment
    ).wait()
    let original = try String(contentsOf: scratch.file("plan.json"), encoding: .utf8)
    #expect(try Self.reseal(original) == original, "the checksum is not sha256sum's")
    let applied = try BoundedDooordb(
      ["apply", "--plan", "plan.json"], in: scratch.url, environment: environment
    ).wait()
    // The scripted API refuses the PATCH: reaching it shows the plan was accepted.
    #expect(server.requests.contains { $0.method == "PATCH" }, "\(applied.stderr)")
  }

  /// What an editor who knows the format does: the checksum line recomputed with `sha256sum`.
  static func reseal(_ text: String) throws -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = try #require(lines.firstIndex { $0.hasPrefix("  \"checksum\": ") })
    lines.remove(at: index)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(lines.joined(separator: "\n").utf8))
    try input.fileHandleForWriting.close()
    let digest = String(
      decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self
    ).prefix(64)
    process.waitUntilExit()
    lines.insert("  \"checksum\": \"sha256:\(digest)\",", at: index)
    return lines.joined(separator: "\n")
  }
}
