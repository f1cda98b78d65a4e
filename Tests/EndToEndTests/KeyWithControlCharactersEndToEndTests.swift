import Foundation
import Testing

/// A key holding a line break or NUL is refused when it is read: the message names where the
/// key came from and no part of the key appears anywhere, on any retry.
@Suite(.timeLimit(.minutes(1))) struct KeyWithControlCharactersEndToEndTests {
  static let keyParts = ["dor_sk_FIRSTHALF_31", "SECONDHALF_77"]

  /// Control characters, and what is not printable ASCII: a line or paragraph separator, a
  /// bidi override, bytes that are not UTF-8 (read as U+FFFD, so not what the file holds).
  @Test(arguments: [
    Array("\n".utf8), [0], Array("\r\n".utf8), [0x1B], Array("\u{2028}".utf8),
    Array("\u{202E}".utf8), [0xFF, 0xFE],
  ])
  func aKeyFileWithAControlCharacterInsideIsRefusedByName(_ separator: [UInt8]) async throws {
    let server = try ScriptedHTTPServer { _ in .json(status: 401, body: "{}") }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let keyFile = scratch.file("api-key")
    try Data(Array(Self.keyParts[0].utf8) + separator + Array((Self.keyParts[1] + "\n").utf8))
      .write(to: keyFile)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
    let result = try await BoundedDooordb(
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

  @Test func anEnvironmentKeyWithALineBreakInsideIsRefused() async throws {
    let server = try ScriptedHTTPServer { _ in .json(status: 401, body: "{}") }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try await BoundedDooordb(
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
