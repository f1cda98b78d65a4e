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

    let applied = try await setup.run(["apply", "--plan", "reviewed.json"])
    #expect(applied.exitCode == 0, "\(applied.stderr)")
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
    await #expect(try setup.remote().keys.sorted() == ["app-db", "cache"])

    let unknown = try await setup.run(["plan", "manifests", "--target", "shop/nope"])
    #expect(unknown.exitCode == 1)
    #expect(unknown.stdout.contains("--target shop/nope: no manifest declares this database"))
    await #expect(try setup.run(["plan", "manifests", "--target", "nope"]).exitCode == 64)
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
