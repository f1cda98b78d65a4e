import Foundation
import Testing

/// Faults aimed at one endpoint (`local serve --fault-endpoints`), the building block of
/// `scripts/fault-matrix`, and the one fault that most tempts a client to duplicate a create.
@Suite(.timeLimit(.minutes(5))) struct FaultMatrixEndToEndTests {
  static let manifest = """
    workspace: faults
    databases:
      - slug: primary
        name: Primary
        engine: postgresql
      - slug: replica-cache
        name: Cache
        engine: redis
        dependsOn: [primary]
    """

  @Test func faultsAimedAtCreatesLeaveOtherEndpointsAlone() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("manifests/faults.yaml", Self.manifest)
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"),
      extraArguments: ["--fail-rate", "1", "--fault-endpoints", "create"])
    defer { server.stop() }
    let run = { (arguments: [String]) in
      try await DooordbProcess.run(arguments, in: scratch.url, environment: server.environment)
    }

    await #expect(try run(["list", "--workspace", "faults"]).exitCode == 0)
    let applied = try await run(["apply", "manifests", "--auto-approve"])
    #expect(applied.exitCode == 1)
    #expect(applied.stdout.contains("Apply failed"), "\(applied.stdout)\n\(applied.stderr)")
    // The dependent database is reported as skipped, not silently left out.
    #expect(applied.stdout.contains("replica-cache"))
    let answers = try server.statistics().answersByEndpoint ?? [:]
    #expect(answers["create 500", default: 0] >= 1)
    #expect(answers.keys.allSatisfy { !$0.hasPrefix("list 5") })
    #expect(answers["list 200", default: 0] >= 2)
  }

  /// The server makes the database and the connection drops before the answer arrives: apply
  /// must find it by slug instead of sending the create again.
  @Test func aCreateWhoseAnswerIsLostIsFoundNotRepeated() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("manifests/faults.yaml", Self.manifest)
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"),
      extraArguments: ["--drop-connection-rate", "1", "--fault-endpoints", "create"])
    defer { server.stop() }
    let applied = try await DooordbProcess.run(
      ["apply", "manifests", "--auto-approve"], in: scratch.url, environment: server.environment)
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
    let statistics = try server.statistics()
    #expect(statistics.createsBySlug == ["faults/primary": 1, "faults/replica-cache": 1])
    let plan = try await DooordbProcess.run(
      ["plan", "manifests", "--detailed-exitcode"], in: scratch.url,
      environment: server.environment)
    #expect(plan.exitCode == 0, "\(plan.stdout)")
  }

  @Test func anUnknownEndpointIsRefused() async throws {
    let result = try await DooordbProcess.run([
      "local", "serve", "--port", "0", "--fault-endpoints", "create,lists",
    ])
    #expect(result.exitCode != 0)
    #expect(result.stderr.contains("unknown endpoint \"lists\""))
  }
}
