import Foundation
import Testing

/// Every json output says its format at the top level (CONTRACT §10); the schemas under
/// schemas/ describe them and scripts/check-output-schemas.py checks them against real runs.
@Suite(.timeLimit(.minutes(2))) struct JSONFormatVersionEndToEndTests {
  @Test func everyJsonOutputHasFormatVersionOne() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders)
    let commands = [
      ["apply", "--local", "--auto-approve", "--format", "json", "acme.yaml"],
      ["get", "--local", "--workspace", "acme", "orders", "--format", "json"],
      ["list", "--local", "--workspace", "acme", "--format", "json"],
      ["connection", "--local", "--workspace", "acme", "orders", "--format", "json"],
      ["validate", "acme.yaml", "--format", "json"],
      ["plan", "--local", "--format", "json", "acme.yaml"],
      ["drift", "--local", "--format", "json", "acme.yaml"],
    ]
    for arguments in commands {
      let result = try await DooordbProcess.run(arguments, in: scratch.url)
      #expect(result.exitCode == 0, "\(arguments): \(result.stderr)")
      let document =
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      #expect(document?["formatVersion"] as? Int == 1, "\(arguments): \(result.stdout)")
    }
  }
}
