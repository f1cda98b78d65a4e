import Foundation
import Testing

/// SIGTERM, SIGHUP and Ctrl-C during plan, drift, list, get and export against an API that never answers:
/// the run ends at once with exit 130, and plan's and drift's json or markdown output is still
/// one document, saying it was interrupted (README's exit table).
@Suite(.timeLimit(.minutes(1))) struct ReadOnlyInterruptionEndToEndTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var signal: Int32
    /// What stdout must hold; nil: nothing.
    var document: String?

    var testDescription: String { "\(arguments.joined(separator: " ")) + signal \(signal)" }
  }

  static let cases: [Case] = [
    Case(
      arguments: ["plan", "--format", "json", "acme.yaml"], signal: SIGTERM,
      document: #""status": "error""#),
    Case(
      arguments: ["drift", "--format", "json", "acme.yaml"], signal: SIGHUP,
      document: "interrupted by Hangup signal"),
    Case(
      arguments: ["plan", "--format", "markdown", "acme.yaml"], signal: SIGINT,
      document: "interrupted by Interrupt"),
    Case(arguments: ["list", "--workspace", "acme"], signal: SIGTERM, document: nil),
    Case(arguments: ["get", "--workspace", "acme", "orders"], signal: SIGTERM, document: nil),
    Case(arguments: ["export", "--workspace", "acme"], signal: SIGHUP, document: nil),
  ]

  @Test(arguments: cases)
  func aSignalEndsAStalledReadWithItsDocumentAnd130(_ testCase: Case) async throws {
    let (requests, arrived) = AsyncStream.makeStream(of: Void.self)
    let server = try ScriptedHTTPServer { _ in
      arrived.yield()
      return .silence
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders)
    let run = try BoundedDooordb(
      testCase.arguments, in: scratch.url,
      environment: [
        "DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_interrupt", "NO_COLOR": "1",
      ])
    // The request is under way (and the handler installed before it was sent).
    for await _ in requests { break }
    run.send(testCase.signal)
    let result = await run.wait(deadline: .seconds(20))
    #expect(!result.killedAtDeadline)
    #expect(!result.endedBySignal, "\(result.stderr)")
    #expect(result.exitCode == 130, "\(result.stderr)")
    #expect(result.stderr.contains("error: interrupted by"), "\(result.stderr)")
    if let document = testCase.document {
      #expect(result.stdout.contains(document), "\(result.stdout)")
      if testCase.arguments.contains("json") {
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        #expect((parsed as? [String: Any])?["status"] as? String == "error")
      }
    } else {
      #expect(result.stdout.isEmpty)
    }
  }
}
