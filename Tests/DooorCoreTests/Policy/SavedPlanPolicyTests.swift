import DooorCore
import Testing

private typealias F = PlanFixture

/// `apply --plan FILE` checks the policies given at apply time as `plan` would have, though
/// the file records only the declarations of the databases it changes.
@Suite(.timeLimit(.minutes(1)))
struct SavedPlanPolicyTests {
  /// `acme`: `a` changes, `b` is declared and unchanged, `manual` is unmanaged; `beta` has
  /// no change at all.
  static let desired = DesiredState(workspaces: [
    DeclaredWorkspace(
      name: "acme",
      databases: [F.declared("a", cpu: "1"), F.declared("b", engine: .mysql, line: 30)]),
    DeclaredWorkspace(
      name: "beta", databases: [F.declared("c", workspace: "beta", engine: .mysql)]),
  ])
  static let observed = ObservedState(workspaces: [
    "acme": [
      F.remote("a", cpu: "500m"), F.remote("b", engine: .mysql, version: "8", cpu: "2"),
      F.remote("manual", engine: .mysql, version: "8", cpu: "8"),
    ],
    "beta": [F.remote("c", engine: .mysql, version: "8", cpu: "3")],
  ])
  static let policies = PolicyFixture.policy("engines: [postgresql]\nmax: {cpu: \"1500m\"}")

  /// The plan of `desired`, written to a file and read back as `apply --plan` reads it.
  static func saved(targets: [String] = []) throws -> (plan: Plan, saved: SavedPlan) {
    let plan = Planner.plan(
      desired: desired, observed: observed,
      options: PlanOptions(targets: targets.compactMap(DatabaseReference.init(parsing:))))
    let origin = SavedPlanOrigin(
      apiURL: F.origin.apiURL, workspaces: SavedPlanOrigin.workspaces(of: plan),
      dooordbVersion: F.origin.dooordbVersion, createdAt: F.origin.createdAt)
    return (plan, try SavedPlan(decoding: SavedPlan(plan: plan, origin: origin).encoded()))
  }

  @Test func unchangedDeclaredDatabasesAreCheckedByTheirLiveValues() throws {
    let (plan, saved) = try Self.saved()
    #expect(plan.changes.map(\.reference.description) == ["acme/a"])
    #expect(saved.comparedWorkspaces == ["acme", "beta"])

    let atApply = saved.policyReport(Self.policies, observed: Self.observed)
    let expected = ["engines acme/b", "max acme/b", "engines beta/c", "max beta/c"]
    #expect(atApply.violations.map(PolicyFixture.outline) == expected)
    #expect(atApply.violations.dropFirst().first?.message == "cpu 2 is more than the maximum 1500m")
    // What `plan` finds with the same policies, but for the manifest positions: the saved
    // plan does not record the declarations of the databases it leaves alone.
    let atPlan = Planner.plan(
      desired: Self.desired, observed: Self.observed,
      options: PlanOptions(policies: Self.policies))
    #expect(atPlan.policy?.violations.map { "\($0.rule.rawValue) \($0.subject)" } == expected)
    #expect(atApply.checked == atPlan.policy?.checked)
  }

  @Test func aTargetedPlanChecksOnlyWhatItChanges() throws {
    let (plan, saved) = try Self.saved(targets: ["acme/a"])
    #expect(plan.changes.map(\.reference.description) == ["acme/a"])
    let report = saved.policyReport(Self.policies, observed: Self.observed)
    #expect(report.violations.isEmpty)
    #expect(report.checked == 1)
  }

  /// Located at the entry: the saved plan records where each declaration starts, not its keys.
  @Test func aDatabaseTheSavedPlanChangesIsCheckedByItsDeclaration() throws {
    let (_, saved) = try Self.saved()
    let report = saved.policyReport(
      PolicyFixture.policy("max: {cpu: 500m}"), observed: Self.observed)
    #expect(
      report.violations.map(PolicyFixture.outline) == [
        "max acme/a @10:5", "max acme/b", "max beta/c",
      ])
  }

  /// A database made after `plan --out` (by hand, or by another folder's manifests) is not
  /// declared by the plan's manifests, and `plan` would not check it either.
  @Test func aDatabaseCreatedSinceThePlanIsNotTakenForADeclaredOne() throws {
    let (_, saved) = try Self.saved()
    var later = Self.observed
    later = ObservedState(workspaces: [
      "acme": later.databases(in: "acme") + [F.remote("since", engine: .redis, cpu: "9")],
      "beta": later.databases(in: "beta"),
    ])
    let report = saved.policyReport(Self.policies, observed: later)
    #expect(!report.violations.contains { $0.subject.contains("since") }, "\(report.violations)")
    #expect(report.checked == 3)
  }
}
