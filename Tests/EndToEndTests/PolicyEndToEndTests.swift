import Foundation
import Testing

/// Policies, the destroy budget, --target and --replace through the built binary against
/// `dooordb local serve` (CONTRACT §8, §9).
@Suite(.timeLimit(.minutes(3)))
struct PolicyEndToEndTests {
  typealias Setup = PlanApplyEndToEndTests.Setup

  static let noCreatesInShop = """
    policies:
      - name: shop-is-frozen
        workspaces: ["sh*"]
        forbid: [create]
    """

  static let advisoryCeiling = """
    policies:
      - name: shop-stays-small
        enforcement: advisory
        max: {cpu: 250m}
    """

  static func methods(_ setup: Setup) throws -> Set<String> {
    Set((try setup.server.statistics().requestsByMethod ?? [:]).keys)
  }

  @Test func aMandatoryViolationRefusesPlanAndApplyWithNothingSentButReads() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write("policies/frozen.yaml", Self.noCreatesInShop)

    let plan = try await setup.run([
      "plan", "manifests", "--policy", "policies", "--detailed-exitcode",
    ])
    #expect(plan.exitCode == 1, "\(plan.stdout)\n\(plan.stderr)")
    #expect(
      plan.stdout.contains(
        "manifests/shop.yaml:3:5: error: policy shop-is-frozen (forbid, mandatory): shop/app-db:"
          + " create is forbidden"))
    #expect(plan.stderr.contains("breaks mandatory policies"))

    let json = try await setup.run([
      "plan", "manifests", "--policy", "policies", "--format", "json",
    ])
    #expect(json.exitCode == 1)
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let policy = document?["policy"] as? [String: Any]
    #expect((policy?["violations"] as? [Any])?.count == 3)

    let apply = try await setup.run([
      "apply", "manifests", "--policy", "policies", "--auto-approve",
    ])
    #expect(apply.exitCode == 1)
    #expect(apply.stderr.contains("nothing was applied"))
    #expect(try Self.methods(setup) == ["GET"])
    await #expect(try setup.remote().isEmpty)
  }

  @Test func theVariableNamesPolicyFilesToo() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write("policies/frozen.yaml", Self.noCreatesInShop)
    let plan = try await DooordbProcess.run(
      ["plan", "manifests"], in: setup.scratch.url,
      environment: setup.server.environment.merging(["DOOORDB_POLICY": "nowhere:policies"]) {
        $1
      })
    // A missing path is an error, reported before anything else, and no plan is printed.
    #expect(plan.exitCode == 1)
    #expect(plan.stderr.contains("nowhere:1:1: error: no such file or directory"))
    #expect(plan.stdout.isEmpty)
  }

  @Test func anAdvisoryViolationIsAWarningAndApplyGoesAhead() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write("advice.yaml", Self.advisoryCeiling)

    let plan = try await setup.run([
      "plan", "manifests", "--policy", "advice.yaml", "--detailed-exitcode",
    ])
    #expect(plan.exitCode == 2, "\(plan.stderr)")
    #expect(plan.stdout.contains("warning: policy shop-stays-small (max, advisory): shop/app-db"))

    let apply = try await setup.run([
      "apply", "manifests", "--policy", "advice.yaml", "--auto-approve",
    ])
    #expect(apply.exitCode == 0, "\(apply.stdout)\n\(apply.stderr)")
    await #expect(try setup.remote().count == 3)

    // drift checks the live state: the advisory ceiling is reported, and is not drift.
    let drift = try await setup.run(["drift", "manifests", "--policy", "advice.yaml"])
    #expect(drift.exitCode == 0, "\(drift.stdout)")
    #expect(drift.stdout.contains("shop-stays-small (max, advisory): shop/app-db: cpu 500m"))
    try setup.scratch.write(
      "advice.yaml", Self.advisoryCeiling.replacing("advisory", with: "mandatory"))
    let strict = try await setup.run(["drift", "manifests", "--policy", "advice.yaml"])
    #expect(strict.exitCode == 2, "\(strict.stdout)")
  }

  @Test func aSavedPlanIsCheckedAgainstThePoliciesGivenAtApplyTime() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    try setup.scratch.write("policies/frozen.yaml", Self.noCreatesInShop)
    let saved = try await setup.run(["plan", "manifests", "--out", "reviewed.json"])
    #expect(saved.exitCode == 0, "\(saved.stderr)")

    let refused = try await setup.run(["apply", "--plan", "reviewed.json", "--policy", "policies"])
    #expect(refused.exitCode == 1)
    #expect(refused.stderr.contains("policy shop-is-frozen (forbid, mandatory): shop/cache"))
    #expect(try Self.methods(setup) == ["GET"])

    // The saved plan already says what to do: narrowing it is a usage error.
    for flag in ["--target", "--replace"] {
      let narrowed = try await setup.run(["apply", "--plan", "reviewed.json", flag, "shop/cache"])
      #expect(narrowed.exitCode == 64, "\(flag): \(narrowed.stderr)")
      #expect(narrowed.stderr.contains("do not pass manifest paths, --workspace, --target or"))
    }

    let applied = try await setup.run(["apply", "--plan", "reviewed.json"])
    #expect(applied.exitCode == 0, "\(applied.stderr)")
  }

  /// Checked as `plan` checks: a database the saved plan leaves alone breaks the policy too.
  @Test func aSavedPlanIsRefusedForADatabaseItDoesNotChange() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    await #expect(try setup.run(["apply", "manifests", "--auto-approve"]).exitCode == 0)
    try setup.rewrite(PlanApplyEndToEndTests.basic.replacing("cpu: 500m", with: "cpu: 750m"))
    let saved = try await setup.run(["plan", "manifests", "--out", "reviewed.json"])
    #expect(saved.exitCode == 0, "\(saved.stderr)")
    #expect(saved.stdout.contains("~ update shop/app-db"), "\(saved.stdout)")
    try setup.scratch.write(
      "no-mysql.yaml", "policies:\n  - name: no-mysql\n    engines: [postgresql, redis]\n")
    let before = try setup.server.statistics().requestsByMethod ?? [:]

    let refused = try await setup.run([
      "apply", "--plan", "reviewed.json", "--policy", "no-mysql.yaml",
    ])
    #expect(refused.exitCode == 1, "\(refused.stdout)\n\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "error: policy no-mysql (engines, mandatory): shop/reports: engine \"mysql\" is not"
          + " allowed"), "\(refused.stderr)")
    #expect(refused.stderr.contains("nothing was applied"))
    let after = try setup.server.statistics().requestsByMethod ?? [:]
    #expect(after.filter { $0.key != "GET" } == before.filter { $0.key != "GET" })
    await #expect(try setup.remote()["app-db"]?["cpu"] as? String == "500m")
  }

  @Test func maxDestroyRefusesMoreDeletesThanAllowedWhateverAllowDestroySays() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    await #expect(try setup.run(["apply", "manifests", "--auto-approve"]).exitCode == 0)
    // A half-written manifest with prune on: two of three databases would go.
    try setup.rewrite(
      "workspace: shop\nprune: true\ndatabases:\n  - slug: cache\n    name: Cache\n"
        + "    engine: redis\n")

    let plan = try await setup.run(["plan", "manifests", "--max-destroy", "1"])
    #expect(plan.exitCode == 1)
    #expect(plan.stderr.contains("delete shop/app-db, delete shop/reports"), "\(plan.stderr)")

    let apply = try await setup.run([
      "apply", "manifests", "--auto-approve", "--allow-destroy", "--max-destroy", "1",
    ])
    #expect(apply.exitCode == 1)
    #expect(apply.stderr.contains("more than --max-destroy 1"), "\(apply.stderr)")
    await #expect(try setup.remote().count == 3)

    let bad = try await setup.run(["plan", "manifests", "--max-destroy", "-1"])
    #expect(bad.exitCode == 64)
  }

  @Test func aTargetIsCreatedWithTheDependencyItNeedsAndNothingElse() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    let plan = try await setup.run(["plan", "manifests", "--target", "shop/app-db"])
    #expect(plan.exitCode == 0)
    #expect(plan.stdout.contains("Targeted plan: 2 of 3 declared databases.\n"))

    let apply = try await setup.run([
      "apply", "manifests", "--target", "shop/app-db", "--auto-approve",
    ])
    #expect(apply.exitCode == 0, "\(apply.stdout)\n\(apply.stderr)")
    let remote = try await setup.remote()
    #expect(remote.keys.sorted() == ["app-db", "cache"])
    // The local API numbers its ids in creation order: the dependency came first.
    let cacheID = try #require(remote["cache"]?["id"] as? String)
    let appID = try #require(remote["app-db"]?["id"] as? String)
    #expect(cacheID < appID, "cache \(cacheID), app-db \(appID)")

    let unknown = try await setup.run(["plan", "manifests", "--target", "shop/nope"])
    #expect(unknown.exitCode == 1)
    #expect(unknown.stdout.contains("--target shop/nope: no manifest declares this database"))
    await #expect(try setup.run(["plan", "manifests", "--target", "nope"]).exitCode == 64)
  }

  /// What `--replace` names is a target too: beside another target it is not dropped.
  @Test func aReplacementBesideATargetIsPlannedAndApplied() async throws {
    let setup = try Setup()
    defer { setup.tearDown() }
    await #expect(try setup.run(["apply", "manifests", "--auto-approve"]).exitCode == 0)
    let created = try await setup.remote()
    let narrowed = ["manifests", "--target", "shop/app-db", "--replace", "shop/cache"]

    let plan = try await setup.run(["plan"] + narrowed + ["--detailed-exitcode"])
    #expect(plan.exitCode == 2, "\(plan.stdout)\n\(plan.stderr)")
    #expect(plan.stdout.contains("-/+ replace shop/cache"), "\(plan.stdout)")
    #expect(plan.stdout.contains("Targeted plan: 2 of 3 declared databases.\n"))

    let apply = try await setup.run(["apply"] + narrowed + ["--auto-approve", "--allow-destroy"])
    #expect(apply.exitCode == 0, "\(apply.stdout)\n\(apply.stderr)")
    let replaced = try await setup.remote()
    #expect(replaced["cache"]?["id"] as? String != created["cache"]?["id"] as? String)
    #expect(replaced["app-db"]?["id"] as? String == created["app-db"]?["id"] as? String)
  }

  @Test func aDatabaseInErrorIsReplacedWithReplace() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("manifests/shop.yaml", PlanApplyEndToEndTests.basic)
    let faulty = try LocalServerProcess(
      stateFile: scratch.file("state.json"), extraArguments: ["--error-slugs", "^reports$"])
    let failed = try await DooordbProcess.run(
      ["apply", "manifests", "--auto-approve"], in: scratch.url, environment: faulty.environment)
    faulty.stop()
    #expect(failed.exitCode == 1)

    let server = try LocalServerProcess(stateFile: scratch.file("state.json"))
    defer { server.stop() }
    func run(_ arguments: [String]) async throws -> DooordbProcess.Result {
      try await DooordbProcess.run(arguments, in: scratch.url, environment: server.environment)
    }
    let plain = try await run(["plan", "manifests", "--detailed-exitcode"])
    #expect(plain.stdout.contains("shop/reports (error)"), "\(plain.stdout)")
    #expect(!plain.stdout.contains("-/+ replace"))

    let refused = try await run([
      "apply", "manifests", "--replace", "shop/reports", "--auto-approve",
    ])
    #expect(refused.exitCode == 1)
    #expect(refused.stderr.contains("--allow-destroy"))

    let replaced = try await run([
      "apply", "manifests", "--replace", "shop/reports", "--auto-approve", "--allow-destroy",
    ])
    #expect(replaced.exitCode == 0, "\(replaced.stdout)\n\(replaced.stderr)")
    #expect(replaced.stdout.contains("-/+ replace shop/reports"))
    let again = try await run(["plan", "manifests", "--detailed-exitcode"])
    #expect(again.exitCode == 0, "\(again.stdout)")
  }

  /// What examples/README.md says of its policy against the environments example.
  @Test func theExamplePolicyRefusesProductionAsItsReadmeSaysAndPassesStaging() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for file in ["environments/databases.yaml", "policies/team.policy.yaml"] {
      let source = DooordbProcess.repositoryRoot.appendingPathComponent("examples/" + file)
      try scratch.write(file, String(contentsOf: source, encoding: .utf8))
    }
    let command = ["plan", "environments", "--policy", "policies", "--local"]

    let production = try await DooordbProcess.run(
      command, in: scratch.url, environment: ["DOOOR_ENV": "production"])
    #expect(production.exitCode == 1, "\(production.stderr)")
    #expect(production.stdout.contains("10 violations (10 mandatory, 0 advisory)"))
    let violations = production.stdout.split(separator: "\n").filter {
      $0.contains(": error: policy ")
    }
    #expect(violations.count == 10, "\(production.stdout)")
    // "Each violation points at its line in databases.yaml."
    #expect(violations.allSatisfy { $0.hasPrefix("  environments/databases.yaml:") })
    // "No database is protected, scratch is MySQL, sessions and scratch leave sizes or
    // versions to the API's defaults."
    #expect(violations.filter { $0.contains("protect is not declared") }.count == 3)
    #expect(violations.contains { $0.contains("scratch: engine \"mysql\" is not allowed") })
    let defaulted = violations.filter { $0.contains("is not declared; the policy requires it") }
    #expect(defaulted.count == 6)
    #expect(defaulted.allSatisfy { $0.contains("/sessions: ") || $0.contains("/scratch: ") })

    let staging = try await DooordbProcess.run(command, in: scratch.url)
    #expect(staging.exitCode == 0, "\(staging.stdout)\n\(staging.stderr)")
    #expect(staging.stdout.contains("Policies: 3 databases checked, no violations."))
  }

  @Test func validateReportsBadPolicyFilesAtTheirPlace() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("manifests/shop.yaml", PlanApplyEndToEndTests.basic)
    try scratch.write("team.policy.yaml", "policies:\n  - name: x\n    forbid: [delet]\n")
    let result = try await DooordbProcess.run(
      ["validate", "manifests", "--policy", "team.policy.yaml"], in: scratch.url)
    #expect(result.exitCode == 1)
    #expect(
      result.stderr
        == "team.policy.yaml:3:14: error: unknown forbid entry \"delet\"; expected one of"
        + " create, update, replace, delete; did you mean \"delete\"?\n")
    // A policy file beside the manifests is not read as a manifest.
    let beside = try await DooordbProcess.run(["validate", "."], in: scratch.url)
    #expect(beside.exitCode == 0, "\(beside.stderr)")
  }
}
