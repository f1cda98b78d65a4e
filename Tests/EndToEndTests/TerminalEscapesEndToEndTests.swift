import Foundation
import Testing
import Yams

/// Text from the API never controls the terminal: escape sequences, CR LF and bidi overrides in
/// a database's fields are shown as escapes by `list` and `get`, and `export` writes them as
/// YAML escapes that read back to the same string.
@Suite(.timeLimit(.minutes(1))) struct TerminalEscapesEndToEndTests {
  static let hostileName = "Orders\u{1B}[2J\u{1B}]0;owned\u{07}\r\nFAKE LINE\u{202E}gpj.exe"
  static let hostileVersion = "16\u{1B}[31m"
  static let hidden: [Unicode.Scalar] = ["\u{1B}", "\r", "\u{07}", "\u{202E}"]

  static func server() throws -> ScriptedHTTPServer {
    try ScriptedHTTPServer { request in
      let database = ScriptedWire.json([
        "id": "db-1", "slug": "orders", "name": hostileName, "engine": "postgresql",
        "version": hostileVersion, "status": "ready",
      ])
      if request.path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        return .json(
          status: 200, body: ScriptedWire.page([database], page: 1, totalPages: 1, total: 1))
      }
      return .json(status: 200, body: database)
    }
  }

  @Test(arguments: [
    ["list", "--workspace", "acme"], ["get", "--workspace", "acme", "orders"],
  ])
  func listAndGetShowEscapesInsteadOfObeyingThem(_ command: [String]) throws {
    let server = try Self.server()
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try BoundedDooordb(
      command, in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_escapes"]
    ).wait()
    #expect(result.exitCode == 0, "\(result.stderr)")
    for scalar in Self.hidden {
      #expect(!result.stdout.unicodeScalars.contains(scalar), "\(command): \(scalar.value)")
    }
    #expect(result.stdout.contains("Orders\\u{001B}[2J"), "\(result.stdout)")
    #expect(result.stdout.contains("\\u{202E}gpj.exe"))
  }

  @Test func exportWritesEscapesThatReadBackToTheSameName() throws {
    let server = try Self.server()
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try BoundedDooordb(
      ["export", "--workspace", "acme"], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_escapes"]
    ).wait()
    #expect(result.exitCode == 0, "\(result.stderr)")
    for scalar in Self.hidden {
      #expect(!result.stdout.unicodeScalars.contains(scalar), "export: \(scalar.value)")
    }
    let document = try #require(try Yams.load(yaml: result.stdout) as? [String: Any])
    let databases = try #require(document["databases"] as? [[String: Any]])
    #expect(databases.first?["name"] as? String == Self.hostileName)
  }
}
