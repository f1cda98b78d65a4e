import DooorCore
import Testing

private typealias F = PlanFixture

/// `--target` and `--replace` in the planner (CONTRACT §9).
@Suite(.timeLimit(.minutes(1)))
struct TargetingTests {
  static let desired = DesiredState(workspaces: [
    DeclaredWorkspace(
      name: "shop", prune: true,
      databases: [
        F.declared("app-db", workspace: "shop", cpu: "1", dependsOn: ["cache"], line: 1),
        F.declared("cache", workspace: "shop", engine: .redis, cpu: "1", line: 20),
        F.declared("reports", workspace: "shop", cpu: "1", line: 40),
        F.declared("vault", workspace: "shop", protect: true, line: 60),
      ])
  ])

  static func plan(
    remote: [RemoteDatabase], targets: [String] = [], replacements: [String] = []
  ) -> Plan {
    Planner.plan(
      desired: desired, observed: ObservedState(workspaces: ["shop": remote]),
      options: PlanOptions(
        targets: targets.compactMap(DatabaseReference.init(parsing:)),
        replacements: replacements.compactMap(DatabaseReference.init(parsing:))))
  }

  @Test func aTargetBringsTheDependencyItMustCreateFirst() {
    let plan = Self.plan(remote: [F.remote("stray")], targets: ["shop/app-db"])
    #expect(plan.changes.map(\.reference.description) == ["shop/app-db", "shop/cache"])
    #expect(plan.changes.allSatisfy { $0.action == .create })
    #expect(plan.targeting == Targeting(compared: 2, declared: 4))
    #expect(plan.unmanaged.isEmpty, "a targeted plan prunes nothing and lists no other database")
    #expect(plan.rendered(as: .text).contains("Targeted plan: 2 of 4 declared databases.\n"))
    #expect(plan.rendered(as: .json).contains("\"targeted\": true"))
    #expect(plan.rendered(as: .markdown).contains("Targeted plan: 2 of 4 declared databases."))
    #expect(
      Targeting(compared: 1, declared: 1).line == "Targeted plan: 1 of 1 declared database.")
  }

  @Test func aDependencyThatExistsIsNotChanged() {
    let plan = Self.plan(
      remote: [F.remote("cache", engine: .redis, version: "7", cpu: "250m")],
      targets: ["shop/app-db"])
    #expect(plan.changes.map(\.reference.description) == ["shop/app-db"])
  }

  @Test func anUntargetedPlanIsNotMarked() {
    let plan = Self.plan(remote: [])
    #expect(plan.targeting == nil)
    #expect(plan.rendered(as: .json).contains("\"targeted\": false"))
    #expect(!plan.rendered(as: .text).contains("Targeted"))
  }

  @Test func replaceWithoutADifferencePlansAReplacement() {
    let remote = [F.remote("reports", status: .error, cpu: "1")]
    let plan = Self.plan(remote: remote, targets: ["shop/reports"], replacements: ["shop/reports"])
    #expect(plan.changes.map(\.action) == [.replace])
    #expect(plan.changes.first?.reason == "replacement requested with --replace")
    #expect(plan.changes.first?.isDestructive == true)
    #expect(plan.errors.isEmpty)
  }

  /// What the operator named with `--replace` is a target too: replacing it is never
  /// silently narrowed away by `--target`.
  @Test(arguments: [
    (replacement: "shop/cache", compared: 2),
    (replacement: "shop/reports", compared: 3),
  ])
  func aReplacementBesideOtherTargetsIsPlanned(replacement: String, compared: Int) {
    let remote = [
      F.remote("app-db", cpu: "1"), F.remote("cache", engine: .redis, version: "7", cpu: "1"),
      F.remote("reports", cpu: "1"),
    ]
    let plan = Self.plan(remote: remote, targets: ["shop/app-db"], replacements: [replacement])
    #expect(plan.changes.map(\.reference.description) == [replacement])
    #expect(plan.changes.map(\.action) == [.replace])
    #expect(plan.targeting == Targeting(compared: compared, declared: 4))
    #expect(plan.errors.isEmpty)
  }

  @Test func aReplacementAloneIsNotATargetedPlan() {
    let plan = Self.plan(remote: [F.remote("reports", cpu: "1")], replacements: ["shop/reports"])
    #expect(plan.targeting == nil)
    #expect(plan.changes.map(\.action).contains(.replace))
  }

  @Test func aSavedReplacementReadsBackAsConsistent() throws {
    let plan = Self.plan(
      remote: [F.remote("reports", cpu: "1")], targets: ["shop/reports"],
      replacements: ["shop/reports"])
    let saved = try SavedPlan(decoding: SavedPlan(plan: plan).encoded())
    #expect(saved.plan.changes.map(\.action) == [.replace])
    #expect(saved.plan.targeting == plan.targeting)
  }

  @Test func replaceOfAProtectedDatabaseIsAnErrorAtProtect() {
    let plan = Self.plan(remote: [F.remote("vault")], replacements: ["shop/vault"])
    #expect(!plan.changes.contains { $0.reference.slug == "vault" })
    #expect(plan.errors.map(\.location) == [F.location(of: "protect", line: 60)])
  }

  @Test func replaceOfADatabaseThatDoesNotExistCreatesIt() {
    let plan = Self.plan(remote: [], targets: ["shop/reports"], replacements: ["shop/reports"])
    #expect(plan.changes.map(\.action) == [.create])
  }

  @Test(arguments: ["--target", "--replace"])
  func aDatabaseNoManifestDeclaresIsAnError(flag: String) {
    let plan =
      flag == "--target"
      ? Self.plan(remote: [], targets: ["shop/nope"]) : Self.plan(remote: [], replacements: ["x/y"])
    let reference = flag == "--target" ? "shop/nope" : "x/y"
    #expect(
      plan.errors.map(\.message) == ["\(flag) \(reference): no manifest declares this database"])
  }

  @Test(arguments: ["shop", "shop/", "/db", "a/b/c", ""])
  func malformedReferencesAreRejected(text: String) {
    #expect(DatabaseReference(parsing: text) == nil)
  }

  @Test func replacementsCountAgainstTheDestroyBudget() {
    let plan = Self.plan(
      remote: [F.remote("reports", cpu: "1")], targets: ["shop/reports"],
      replacements: ["shop/reports"])
    let decision = ApplyDecision.decide(plan, permissions: .init(allowDestroy: true, maxDestroy: 0))
    #expect(decision.refusals.count == 1)
  }
}
