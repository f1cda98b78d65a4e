import Foundation
import Testing

/// plan and apply through the built binary against `dooordb local serve`.
@Suite(.timeLimit(.minutes(5))) struct PlanApplyEndToEndTests {
  static let basic = """
    workspace: shop
    databases:
      - slug: app-db
        name: App DB
        engine: postgresql
        version: "16"
        cpu: 500m
        memory: 1Gi
        storageGb: 20
        dependsOn: [cache]
      - slug: cache
        name: Cache
        engine: redis
      - slug: reports
        name: Reports
        engine: mysql
    """

  /// A scratch directory with `manifests/shop.yaml`, a local server, and a runner.
  struct Setup {
    let scratch: ScratchDirectory
    let server: LocalServerProcess

    init(manifest: String = PlanApplyEndToEndTests.basic, serverArguments: [String] = [])
      throws
    {
      scratch = try ScratchDirectory()
      try scratch.write("manifests/shop.yaml", manifest)
      server = try LocalServerProcess(
        stateFile: scratch.file("state.json"), extraArguments: serverArguments)
    }

    func run(_ arguments: [String]) async throws -> DooordbProcess.Result {
      try await DooordbProcess.run(arguments, in: scratch.url, environment: server.environment)
    }

    func rewrite(_ manifest: String) throws {
      try scratch.write("manifests/shop.yaml", manifest)
    }

    /// The workspace's databases by slug, as `list --format json` reports them.
    func remote() async throws -> [String: [String: Any]] {
      let listed = try await run(["list", "--workspace", "shop", "--format", "json"])
      let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))
      let items =
        (document as? [String: Any])?["databases"] as? [[String: Any]]
        ?? (document as? [[String: Any]]) ?? []
      return Dictionary(
        items.map { ($0["slug"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    func tearDown() {
      server.stop()
      scratch.remove()
    }
  }

  @Test func planApplyThenPlanAgainShowsNoChanges() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }

    let first = try await setup.run(["plan", "manifests", "--detailed-exitcode"])
    #expect(first.exitCode == 2, "\(first.stderr)")
    #expect(first.stdout.hasSuffix("Plan: 3 to create, 0 to update, 0 to replace, 0 to delete.\n"))

    let withoutTerminal = try await setup.run(["apply", "manifests"])
    #expect(withoutTerminal.exitCode == 1)
    #expect(withoutTerminal.stderr.contains("--auto-approve"))
    await #expect(try setup.remote().isEmpty)

    let applied = try await setup.run(["apply", "manifests", "--auto-approve"])
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
    #expect(applied.stdout.contains("Apply complete"))
    await #expect(try setup.remote().keys.sorted() == ["app-db", "cache", "reports"])

    let again = try await setup.run(["plan", "manifests", "--detailed-exitcode"])
    #expect(again.exitCode == 0, "\(again.stdout)")
    #expect(again.stdout.hasSuffix("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete.\n"))

    let json = try await setup.run(["plan", "manifests", "--format", "json"])
    #expect(json.exitCode == 0)
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
    let summary = (document as? [String: Any])?["summary"] as? [String: Any]
    #expect(summary?["unchanged"] as? Int == 3)
  }

  /// The API is opened and listed while manifests are read; invalid manifests must still win.
  @Test func invalidManifestsAreReportedBeforeAnyProblemWithTheAPI() async throws {
    let setup = try Setup(
      manifest: Self.basic.replacingOccurrences(of: "cpu: 500m", with: "cpu: lots"))
    defer { setup.tearDown() }
    for command in [
      ["plan", "manifests"], ["apply", "manifests", "--auto-approve"], ["drift", "manifests"],
    ] {
      let withoutKey = try await DooordbProcess.run(
        command, in: setup.scratch.url, environment: ["DOOOR_API_URL": setup.server.url])
      #expect(withoutKey.exitCode == 1, "\(command)")
      #expect(
        (withoutKey.stdout + withoutKey.stderr).contains("cpu \"lots\""),
        "\(command): \(withoutKey.stderr)")
      #expect(!withoutKey.stderr.contains("no API key"), "\(command): \(withoutKey.stderr)")

      let withServer = try await setup.run(command)
      #expect(withServer.exitCode == 1, "\(command)")
      #expect(
        (withServer.stdout + withServer.stderr).contains("cpu \"lots\""),
        "\(command): \(withServer.stderr)")
    }
    let methods = try setup.server.statistics().requestsByMethod ?? [:]
    #expect(methods.keys.allSatisfy { $0 == "GET" }, "\(methods)")
    await #expect(try setup.remote().isEmpty)
  }

  @Test func destructiveChangesNeedAllowDestroy() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    await #expect(try setup.run(["apply", "manifests", "--auto-approve"]).exitCode == 0)

    try setup.rewrite(
      Self.basic.replacingOccurrences(of: "engine: mysql", with: "engine: postgresql"))
    let refused = try await setup.run(["apply", "manifests", "--auto-approve"])
    #expect(refused.exitCode == 1)
    #expect(refused.stderr.contains("--allow-destroy"))
    await #expect(try setup.remote()["reports"]?["engine"] as? String == "mysql")

    let replaced = try await setup.run(["apply", "manifests", "--auto-approve", "--allow-destroy"])
    #expect(replaced.exitCode == 0, "\(replaced.stdout)\n\(replaced.stderr)")
    await #expect(try setup.remote()["reports"]?["engine"] as? String == "postgresql")
  }

  @Test func aStaleSavedPlanIsRefusedAndChangesNothing() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    await #expect(try setup.run(["apply", "manifests", "--auto-approve"]).exitCode == 0)

    try setup.rewrite(Self.basic.replacingOccurrences(of: "cpu: 500m", with: "cpu: \"1\""))
    let saved = try await setup.run(["plan", "manifests", "--out", "reviewed.json"])
    #expect(saved.exitCode == 0, "\(saved.stderr)")

    // Someone changes the database after the review.
    try setup.rewrite(Self.basic.replacingOccurrences(of: "name: App DB", with: "name: Renamed"))
    await #expect(try setup.run(["apply", "manifests", "--auto-approve"]).exitCode == 0)
    let before = try setup.server.statistics().requests

    let stale = try await setup.run(["apply", "--plan", "reviewed.json"])
    #expect(stale.exitCode == 1)
    #expect(stale.stderr.contains("stale"))
    let appDB = try await setup.remote()["app-db"]
    #expect(appDB?["name"] as? String == "Renamed")
    #expect(appDB?["cpu"] as? String == "500m")
    // The refusal itself only listed the workspace (one page) and fetched nothing else.
    #expect(try setup.server.statistics().requests - before <= 3)
  }

  @Test func aFreshSavedPlanAppliesWithoutAsking() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    let saved = try await setup.run(["plan", "manifests", "--out", "reviewed.json"])
    #expect(saved.exitCode == 0)
    let applied = try await setup.run(["apply", "--plan", "reviewed.json"])
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
    await #expect(try setup.remote().count == 3)
  }

  @Test func faultsConvergeWithOneDatabasePerSlug() async throws {
    let setup = try Setup(serverArguments: [
      "--rate-limit-every", "4", "--rate-limit-burst", "2", "--retry-after", "0",
      "--unavailable-rate", "0.2", "--fault-seed", "7",
    ])
    defer { setup.tearDown() }
    let applied = try await setup.run(["apply", "manifests", "--auto-approve"])
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
    await #expect(try setup.remote().keys.sorted() == ["app-db", "cache", "reports"])
    let again = try await setup.run(["plan", "manifests", "--detailed-exitcode"])
    #expect(again.exitCode == 0, "\(again.stdout)\n\(again.stderr)")
  }

  @Test func aDatabaseEndingInErrorFailsAndSkipsItsDependents() async throws {
    let setup = try Setup(serverArguments: ["--error-slugs", "^cache$"])
    defer { setup.tearDown() }
    let applied = try await setup.run(["apply", "manifests", "--auto-approve"])
    #expect(applied.exitCode == 1)
    let lines = applied.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.contains("failed") && $0.contains("shop/cache") })
    #expect(lines.contains { $0.contains("skipped") && $0.contains("shop/app-db") })
    #expect(lines.contains { $0.contains("done") && $0.contains("shop/reports") })
    await #expect(try setup.remote()["app-db"] == nil)
  }

  @Test func ctrlCExits130AndASecondApplyConverges() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let manifest = (0..<6).map { index in
      "  - slug: db-\(index)\n    name: Database \(index)\n    engine: redis\n"
    }.joined()
    try scratch.write("manifests/shop.yaml", "workspace: shop\ndatabases:\n" + manifest)
    let slow = try LocalServerProcess(
      stateFile: scratch.file("state.json"), provisionDelay: "30s")
    let running = try DooordbProcess.start(
      ["apply", "manifests", "--auto-approve", "--parallelism", "2"], in: scratch.url,
      environment: slow.environment)
    let deadline = Date().addingTimeInterval(30)
    while !running.stdoutSoFar.contains("waiting"), Date() < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    running.interrupt()
    let interrupted = await running.wait()
    slow.stop()
    #expect(interrupted.exitCode == 130, "\(interrupted.stdout)\n\(interrupted.stderr)")
    #expect(interrupted.stdout.contains("interrupted"))

    let fast = try LocalServerProcess(stateFile: scratch.file("state.json"))
    defer { fast.stop() }
    let again = try await DooordbProcess.run(
      ["apply", "manifests", "--auto-approve"], in: scratch.url, environment: fast.environment)
    #expect(again.exitCode == 0, "\(again.stdout)\n\(again.stderr)")
    let plan = try await DooordbProcess.run(
      ["plan", "manifests", "--detailed-exitcode"], in: scratch.url, environment: fast.environment)
    #expect(plan.exitCode == 0, "\(plan.stdout)")
  }
}
