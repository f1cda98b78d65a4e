import Foundation
import Testing

/// A key holding a line break or NUL is refused when it is read: the message names where the
/// key came from and no part of the key appears anywhere, on any retry.
@Suite(.timeLimit(.minutes(1))) struct KeyWithControlCharactersEndToEndTests {
  static let keyParts = ["dor_sk_FIRSTHALF_31", "SECONDHALF_77"]

  @Test(arguments: ["\n", "\0", "\r\n", "\u{1B}"])
  func aKeyFileWithAControlCharacterInsideIsRefusedByName(_ separator: String) throws {
    let server = try ScriptedHTTPServer { _ in .json(status: 401, body: "{}") }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let keyFile = scratch.file("api-key")
    try Data((Self.keyParts.joined(separator: separator) + "\n").utf8).write(to: keyFile)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
    let result = try BoundedDooordb(
      ["list", "--workspace", "acme", "--api-key-file", keyFile.path, "--verbose"],
      in: scratch.url, environment: ["DOOOR_API_URL": server.url]
    ).wait()
    #expect(!result.killedAtDeadline)
    #expect(result.exitCode == 1)
    #expect(
      result.stderr.contains("the API key file \(keyFile.path) holds a line break"),
      "\(result.stderr)")
    for part in Self.keyParts {
      #expect(!result.stderr.contains(part) && !result.stdout.contains(part))
    }
    #expect(server.requests.isEmpty)
  }

  @Test func anEnvironmentKeyWithALineBreakInsideIsRefused() throws {
    let server = try ScriptedHTTPServer { _ in .json(status: 401, body: "{}") }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try BoundedDooordb(
      ["list", "--workspace", "acme", "--verbose"], in: scratch.url,
      environment: [
        "DOOOR_API_URL": server.url, "DOOOR_API_KEY": Self.keyParts.joined(separator: "\n"),
      ]
    ).wait()
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("DOOOR_API_KEY holds a line break"), "\(result.stderr)")
    for part in Self.keyParts { #expect(!result.stderr.contains(part)) }
    #expect(server.requests.isEmpty)
  }
}
