import Foundation
import Testing

/// The first command against an API that is not there, or not where the URL says: one clear
/// line, at once.
@Suite(.timeLimit(.minutes(2))) struct FirstContactEndToEndTests {
  /// `RetryPolicy.standard.maxConnectAttempts`: a refused connection is tried this often.
  static let connectAttempts = 2

  @Test func aRefusedConnectionIsOneClearLineAfterTheConnectAttempts() async throws {
    let result = try await DooordbProcess.run(
      ["list", "--workspace", "acme", "--api-url", "http://127.0.0.1:1/api/v1", "--verbose"],
      environment: ["DOOOR_API_KEY": "dor_sk_first_contact", "NO_COLOR": "1"],
      timeLimit: .seconds(60))

    #expect(result.exitCode == 1)
    let lines = result.stderr.split(separator: "\n")
    let errors = lines.filter { !$0.hasPrefix("http: ") }
    #expect(errors.count == 1, "\(result.stderr)")
    #expect(
      errors.first?.contains("cannot connect to 127.0.0.1:1 (connection refused)") == true,
      "\(result.stderr)")
    #expect(!result.stderr.contains("IOError"))
    // The HTTP client does not keep reconnecting on its own until its connect timeout: the
    // only tries are the transport's, one `--verbose` line each.
    #expect(
      lines.count { $0.hasPrefix("http: ") } == Self.connectAttempts, "\(result.stderr)")
  }

  @Test func anAPIURLWithoutTheAPIRootSaysSo() async throws {
    // A server whose routes are under /api/v1, asked without it: 404, as a web server says it.
    let server = try ScriptedHTTPServer { request in
      guard request.path.hasPrefix("/api/v1/") else {
        return .json(status: 404, body: #"{"message":"Not Found"}"#)
      }
      return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
    }
    defer { server.stop() }
    let root = "http://127.0.0.1:\(server.port)"
    let result = try await DooordbProcess.run(
      ["list", "--workspace", "acme", "--api-url", root],
      environment: ["DOOOR_API_KEY": "dor_sk_first_contact", "NO_COLOR": "1"],
      timeLimit: .seconds(60))

    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("HTTP 404"), "\(result.stderr)")
    #expect(
      result.stderr.contains("the API URL \(root) does not end in /api/v1"), "\(result.stderr)")
    #expect(!result.stderr.contains("check the workspace name"), "\(result.stderr)")
  }
}
