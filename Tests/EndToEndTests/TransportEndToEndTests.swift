import Foundation
import Testing

/// Transport safety through the built binary: where the key may be sent, and from which files
/// it may be read.
@Suite(.timeLimit(.minutes(5))) struct TransportEndToEndTests {
  @Test func plainHTTPToARemoteHostIsRefusedBeforeAnyRequest() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for command in [
      ["list", "--workspace", "acme"], ["get", "--workspace", "acme", "orders"],
      ["connection", "--workspace", "acme", "orders"],
    ] {
      let result = try await DooordbProcess.run(
        command, in: scratch.url,
        environment: [
          "DOOOR_API_URL": "http://api.example.com/api/v1", "DOOOR_API_KEY": "dor_sk_transport",
        ])
      #expect(result.exitCode == 1, "\(command)")
      #expect(result.stderr.contains("refusing plain http to api.example.com"), "\(command)")
      #expect(result.stderr.contains("--insecure-http"), "\(command)")
      #expect(!result.stderr.contains("dor_sk_transport"))
    }
  }

  @Test func insecureHTTPLetsAPlainURLThrough() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // No key is set, so the run stops right after the URL check, before any network traffic:
    // the complaint about the key shows the URL was accepted.
    let result = try await DooordbProcess.run(
      ["list", "--workspace", "acme", "--insecure-http"], in: scratch.url,
      environment: ["DOOOR_API_URL": "http://api.example.com/api/v1"])
    #expect(result.exitCode == 1)
    #expect(!result.stderr.contains("refusing plain http"))
    #expect(result.stderr.contains("no API key"), "\(result.stderr)")
  }

  @Test func loopbackHTTPWorksAndKeyFilesMustBePrivate() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let server = try LocalServerProcess(stateFile: scratch.file("state.json"))
    defer { server.stop() }
    let keyFile = scratch.file("api-key")
    try Data("dor_sk_from_a_file_55\n".utf8).write(to: keyFile)
    let environment = ["DOOOR_API_URL": server.url]
    func list(_ extra: [String] = []) async throws -> DooordbProcess.Result {
      try await DooordbProcess.run(
        ["list", "--workspace", "acme", "--api-key-file", keyFile.path] + extra,
        in: scratch.url, environment: environment)
    }

    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
    let open = try await list()
    #expect(open.exitCode == 1)
    #expect(open.stderr.contains("chmod 600 \(keyFile.path)"))
    #expect(!open.stderr.contains("dor_sk_from_a_file_55"))

    let allowed = try await list(["--allow-open-key-file"])
    #expect(allowed.exitCode == 0, "\(allowed.stderr)")

    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
    let closed = try await list()
    #expect(closed.exitCode == 0, "\(closed.stderr)")
    #expect(closed.stdout.contains("No databases") || closed.stdout.contains("SLUG"))
  }
}
