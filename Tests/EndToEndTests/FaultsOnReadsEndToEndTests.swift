import Foundation
import Testing

/// Faults on the reads that are not part of an apply run: `connection`, and the re-read that
/// checks a saved plan is still current. Several kinds of fault are aimed at once.
@Suite(.timeLimit(.minutes(5))) struct FaultsOnReadsEndToEndTests {
  static let manifest = """
    workspace: reads
    databases:
      - slug: primary
        name: Primary
        engine: postgresql
      - slug: cache
        name: Cache
        engine: redis
    """

  /// Every kind of transient fault the local API injects, on the endpoints named, at once.
  static func transientFaults(on endpoints: String) -> [String] {
    [
      "--unavailable-rate", "0.3", "--bad-gateway-rate", "0.2", "--drop-connection-rate", "0.2",
      "--rate-limit-every", "4", "--retry-after", "0", "--fault-endpoints", endpoints,
    ]
  }

  /// A scratch directory whose local state already holds the manifest's databases, made by a
  /// fault-free server that is stopped again.
  static func applied() async throws -> ScratchDirectory {
    let scratch = try ScratchDirectory()
    try scratch.write("manifests/reads.yaml", Self.manifest)
    let server = try LocalServerProcess(stateFile: scratch.file("state.json"))
    defer { server.stop() }
    let applied = try await DooordbProcess.run(
      ["apply", "manifests", "--auto-approve"], in: scratch.url, environment: server.environment)
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
    return scratch
  }

  @Test func connectionReadsThroughSeveralFaultsAtOnce() async throws {
    let scratch = try await Self.applied()
    defer { scratch.remove() }
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"),
      extraArguments: Self.transientFaults(on: "connection"))
    defer { server.stop() }
    for _ in 0..<3 {
      let one = try await DooordbProcess.run(
        ["connection", "--workspace", "reads", "primary", "--format", "json"], in: scratch.url,
        environment: server.environment)
      #expect(one.exitCode == 0, "\(one.stderr)")
      let document = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8))
      #expect(((document as? [String: Any])?["password"] as? String)?.isEmpty == false)
    }
    let all = try await DooordbProcess.run(
      ["connection", "--workspace", "reads", "--all"], in: scratch.url,
      environment: server.environment)
    #expect(all.exitCode == 0, "\(all.stderr)")
    #expect(all.stdout.contains("PRIMARY_") && all.stdout.contains("CACHE_"), "\(all.stdout)")
    let answers = try server.statistics().answersByEndpoint ?? [:]
    let faulted = answers.filter { $0.key.hasPrefix("connection ") && $0.key != "connection 200" }
    #expect(!faulted.isEmpty, "no fault reached /connection: \(answers)")
  }

  @Test func aConnectionThatKeepsFailingIsAnErrorWithoutSecrets() async throws {
    let scratch = try await Self.applied()
    defer { scratch.remove() }
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"),
      extraArguments: ["--fail-rate", "1", "--fault-endpoints", "connection"])
    defer { server.stop() }
    let result = try await DooordbProcess.run(
      ["connection", "--workspace", "reads", "primary"], in: scratch.url,
      environment: server.environment)
    #expect(result.exitCode == 1)
    #expect(result.stdout.isEmpty, "\(result.stdout)")
    #expect(result.stderr.contains("500"), "\(result.stderr)")
    #expect(!result.stderr.contains(server.apiKey))
  }

  /// `apply --plan` re-reads what the plan touches before changing anything: through faults it
  /// retries and applies; when the reads keep failing it stops having changed nothing.
  @Test func aSavedPlanIsCheckedThroughFaultsAndNotAppliedWhenItCannotBe() async throws {
    let scratch = try await Self.applied()
    defer { scratch.remove() }
    try scratch.write(
      "manifests/reads.yaml",
      Self.manifest.replacingOccurrences(of: "name: Cache", with: "name: Cache Two"))
    do {
      let server = try LocalServerProcess(stateFile: scratch.file("state.json"))
      defer { server.stop() }
      let planned = try await DooordbProcess.run(
        ["plan", "manifests", "--out", "plan.json"], in: scratch.url,
        environment: server.environment)
      #expect(planned.exitCode == 0, "\(planned.stderr)")
    }

    do {
      let failing = try LocalServerProcess(
        stateFile: scratch.file("state.json"),
        extraArguments: ["--fail-rate", "1", "--fault-endpoints", "list,get"])
      defer { failing.stop() }
      try await SavedPlanRun.rebind(scratch.file("plan.json"), to: failing.url)
      let refused = try await DooordbProcess.run(
        ["apply", "--plan", "plan.json"], in: scratch.url, environment: failing.environment)
      #expect(refused.exitCode == 1, "\(refused.stdout)\n\(refused.stderr)")
      #expect(refused.stderr.contains("HTTP 500"), "\(refused.stderr)")
      let methods = try failing.statistics().requestsByMethod ?? [:]
      #expect(methods.keys.allSatisfy { $0 == "GET" }, "\(methods)")
    }

    let flaky = try LocalServerProcess(
      stateFile: scratch.file("state.json"),
      extraArguments: Self.transientFaults(on: "list,get,update,status"))
    defer { flaky.stop() }
    try await SavedPlanRun.rebind(scratch.file("plan.json"), to: flaky.url)
    let applied = try await DooordbProcess.run(
      ["apply", "--plan", "plan.json"], in: scratch.url, environment: flaky.environment)
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
    let answers = try flaky.statistics().answersByEndpoint ?? [:]
    #expect(answers.keys.contains { !$0.hasSuffix(" 200") }, "no fault was injected: \(answers)")
    let plan = try await DooordbProcess.run(
      ["plan", "manifests", "--detailed-exitcode"], in: scratch.url,
      environment: flaky.environment)
    #expect(plan.exitCode == 0, "\(plan.stdout)\n\(plan.stderr)")
  }
}
