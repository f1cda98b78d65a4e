import Foundation
import Testing

/// Two `apply` runs on the same workspace at once: no database is made twice, a slug both
/// claim for different engines is reported, and a pruning run deletes only what it saw.
@Suite(.timeLimit(.minutes(5))) struct ConcurrentApplyTests {
  static let manifest = """
    workspace: shared
    databases:
      - slug: orders
        name: Orders
        engine: postgresql
      - slug: cache
        name: Cache
        engine: redis
      - slug: events
        name: Events
        engine: mysql
        dependsOn: [orders]
    """

  struct Setup {
    let scratch: ScratchDirectory
    let server: LocalServerProcess

    init() throws {
      scratch = try ScratchDirectory()
      server = try LocalServerProcess(
        stateFile: scratch.file("state.json"), provisionDelay: "500ms")
    }

    func start(_ arguments: [String]) throws -> DooordbProcess.Running {
      try DooordbProcess.start(arguments, in: scratch.url, environment: server.environment)
    }

    func run(_ arguments: [String]) async throws -> DooordbProcess.Result {
      try await DooordbProcess.run(arguments, in: scratch.url, environment: server.environment)
    }

    func tearDown() {
      server.stop()
      scratch.remove()
    }
  }

  @Test(arguments: 1...3)
  func twoRunsOfTheSameManifestsMakeEachDatabaseOnce(round: Int) async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write("manifests/shared.yaml", Self.manifest)

    let first = try setup.start(["apply", "manifests", "--auto-approve"])
    let second = try setup.start(["apply", "manifests", "--auto-approve"])
    let results = await [first.wait(), second.wait()]

    for result in results {
      #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
    }
    let creates = try setup.server.statistics().createsBySlug ?? [:]
    #expect(creates == ["shared/orders": 1, "shared/cache": 1, "shared/events": 1])
    let plan = try await setup.run(["plan", "manifests", "--detailed-exitcode"])
    #expect(plan.exitCode == 0, "\(plan.stdout)")
  }

  @Test func aSlugClaimedForTwoEnginesIsMadeOnceAndTheOtherRunSaysWhy() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write(
      "redis/shared.yaml",
      "workspace: shared\ndatabases:\n  - {slug: store, name: S, engine: redis}\n")
    try setup.scratch.write(
      "mysql/shared.yaml",
      "workspace: shared\ndatabases:\n  - {slug: store, name: S, engine: mysql}\n")

    let redis = try setup.start(["apply", "redis", "--auto-approve"])
    let mysql = try setup.start(["apply", "mysql", "--auto-approve"])
    let results = await [redis.wait(), mysql.wait()]

    #expect(try setup.server.statistics().createsBySlug == ["shared/store": 1])
    #expect(results.map(\.exitCode).sorted() == [0, 1])
    let loser = try #require(results.first { $0.exitCode == 1 })
    let said = loser.stdout + loser.stderr
    // Either it saw the other's database while planning (a replace it may not do without
    // --allow-destroy), or its create met it (409): both name the slug.
    #expect(said.contains("store"), "\(said)")
    #expect(
      said.contains("already used by") || said.contains("--allow-destroy"), "\(said)")
  }

  /// A pruning run deletes only databases it saw when it planned: one another run makes in the
  /// meantime is left alone (the next plan proposes deleting it, as prune says).
  @Test func aPruningRunDoesNotDeleteWhatAnotherRunMadeAfterItPlanned() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write(
      "pruner/shared.yaml",
      "workspace: shared\nprune: true\ndatabases:\n  - {slug: kept, name: K, engine: redis}\n")
    try setup.scratch.write(
      "other/shared.yaml",
      "workspace: shared\ndatabases:\n  - {slug: newcomer, name: N, engine: redis}\n")

    let planned = try await setup.run(["plan", "pruner", "--out", "pruner.plan"])
    #expect(planned.exitCode == 0, "\(planned.stderr)")
    let other = try await setup.run(["apply", "other", "--auto-approve"])
    #expect(other.exitCode == 0, "\(other.stderr)")
    let pruned = try await setup.run(["apply", "--plan", "pruner.plan", "--allow-destroy"])
    #expect(pruned.exitCode == 0, "\(pruned.stdout)\n\(pruned.stderr)")

    let listed = try await setup.run(["list", "--workspace", "shared", "--format", "json"])
    #expect(listed.stdout.contains("\"newcomer\""))
    #expect(listed.stdout.contains("\"kept\""))
    let next = try await setup.run(["plan", "pruner"])
    #expect(next.stdout.contains("newcomer"))
    #expect(next.stdout.contains("1 to delete"))
  }
}
