import Foundation
import Testing

/// A write that fails for another reason than a vanished reader (stdout on a full disk, as
/// /dev/full gives ENOSPC) is not a success: exit 1, one line on stderr saying why, and apply
/// starts no change once its output is lost.
@Suite(.timeLimit(.minutes(1))) struct FullDiskEndToEndTests {
  static let refusal = "error: cannot write to stdout: No space left on device\n"

  static func run(_ arguments: [String], server: ScriptedHTTPServer? = nil) async throws
    -> BoundedDooordb.Result
  {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders)
    var environment = ["NO_COLOR": "1"]
    if let server {
      environment["DOOOR_API_URL"] = server.url
      environment["DOOOR_API_KEY"] = "dor_sk_full"
    }
    return try await BoundedDooordb(
      arguments, in: scratch.url, environment: environment, stdout: .fullDevice
    ).wait()
  }

  /// An empty `acme`, so `orders` is to be created; a POST is refused.
  static func server() throws -> ScriptedHTTPServer {
    try ScriptedHTTPServer { request in
      if request.method == "POST" {
        return .json(status: 500, body: #"{"error":{"code":"x","message":"not scripted"}}"#)
      }
      return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
    }
  }

  @Test(arguments: [["validate", "acme.yaml"], ["validate", "--format", "json", "acme.yaml"]])
  func validateOnAFullDiskFails(_ arguments: [String]) async throws {
    let result = try await Self.run(arguments)
    #expect(!result.killedAtDeadline && !result.endedBySignal)
    #expect(result.exitCode == 1)
    #expect(result.stderr == Self.refusal)
  }

  @Test(arguments: ["json", "text", "markdown"])
  func planOnAFullDiskFails(format: String) async throws {
    let server = try Self.server()
    defer { server.stop() }
    let result = try await Self.run(["plan", "--format", format, "acme.yaml"], server: server)
    #expect(!result.killedAtDeadline && !result.endedBySignal)
    #expect(result.exitCode == 1)
    #expect(result.stderr == Self.refusal)
  }

  @Test func applyOnAFullDiskStartsNothing() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let result = try await Self.run(["apply", "--auto-approve", "acme.yaml"], server: server)
    #expect(!result.killedAtDeadline && !result.endedBySignal)
    #expect(result.exitCode == 1)
    #expect(result.stderr.hasSuffix(Self.refusal), "\(result.stderr)")
    #expect(server.requests.allSatisfy { $0.method == "GET" })
  }
}
