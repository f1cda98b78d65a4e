import DooorCore
import PropertyBased
import Synchronization
import Testing

/// Properties of policies and the resource delta over random plans (`PlanScenario`).
@Suite(.timeLimit(.minutes(2)))
struct PolicyPropertyTests {
  /// Rules whose verdict on a database depends only on that database's value before or after
  /// the plan, or on the plan's actions. `totals` is left out on purpose: it is not monotone
  /// (a plan that deletes a large database and creates another passes, while keeping only
  /// the create may not).
  static let ruleChoices = [
    "engines: [postgresql, redis]", "versions: {postgresql: \">=16\"}", "versions: {mysql: \"8\"}",
    "max: {cpu: \"500m\"}", "max: {memory: 1Gi, storageGb: 10}", "require: [protect]",
    "require: [cpu, version]", "forbid: [delete]", "forbid: [replace, create]", "maxDestroy: 1",
    "slugPattern: \"^db-[0-9]*[02468]$\"",
  ]

  static func policies(_ picks: [Int]) -> [Policy] {
    let rules = Set(picks.map { ruleChoices[$0 % ruleChoices.count] }).sorted()
    return PolicyFixture.load(
      "policies:\n"
        + rules.enumerated().map { index, rule in
          "  - name: p\(index)\n    workspaces: [\"acme\", \"b*\"]\n    \(rule)\n"
        }.joined())
  }

  static func violations(_ policies: [Policy], _ plan: Plan, _ scenario: PlanScenario)
    -> [PolicyViolation]
  {
    let state = PlannedState(
      plan: plan, observed: scenario.observed, desired: scenario.desired,
      workspaces: ["acme", "beta"])
    return PolicyEvaluator.evaluate(policies, state: state, plan: plan).violations
  }

  /// If a plan passes, and so does the state it starts from (the plan with every change
  /// removed), then every plan between the two passes: removing changes never breaks a policy.
  @Test func removingChangesFromAPassingPlanKeepsItPassing() async {
    let picks = Gen.int(in: 0...1000).array(of: 1...3)
    let exercised = Counter()
    await propertyCheck(
      count: 500, input: PlanPropertyTests.codes, picks, Gen.int(in: 0...Int.max)
    ) { codes, picks, keepSeed in
      let scenario = PlanScenario(codes: codes, pruneAcme: true, pruneBeta: false)
      let policies = Self.policies(picks)
      let plan = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      var nothing = plan
      nothing.changes = []
      guard Self.violations(policies, plan, scenario).isEmpty,
        Self.violations(policies, nothing, scenario).isEmpty
      else { return }
      if !plan.changes.isEmpty { exercised.add() }
      var random = SeededRandom(seed: keepSeed)
      var fewer = plan
      fewer.changes = plan.changes.filter { _ in random.chance(1, in: 2) }
      #expect(Self.violations(policies, fewer, scenario).isEmpty, "\(PlanFixture.outline(fewer))")
    }
    // The property is only worth something if passing plans with changes were generated.
    #expect(exercised.value >= 10, "only \(exercised.value) passing plans with changes")
  }

  /// The delta's "after" is what the pure model of the API holds once the plan is applied,
  /// added up independently here; "before" is the observed state added up the same way.
  @Test func theDeltaIsAfterMinusBeforeOfTheAppliedModel() async {
    await propertyCheck(count: 300, input: PlanPropertyTests.codes, Gen.bool, Gen.bool) {
      codes, a, b in
      let scenario = PlanScenario(codes: codes, pruneAcme: a, pruneBeta: b)
      let plan = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      let applied = PlanModel.apply(plan, to: scenario.observed)
      let delta = plan.resources!
      for workspace in delta.workspaces {
        #expect(workspace.before == Self.total(scenario.observed.databases(in: workspace.name)))
        #expect(workspace.after == Self.total(applied.databases(in: workspace.name)))
      }
      #expect(delta.after == Self.total(applied.workspaces.values.flatMap { $0 }))
    }
  }

  /// The sum a person would make: each database's reported value, the API's default where
  /// the answer has none (or none that is a quantity).
  static func total(_ databases: [RemoteDatabase]) -> ResourceAmounts {
    databases.reduce(.zero) { sum, database in
      func quantity(_ text: String?, _ fallback: String) -> Quantity {
        let parsed = text.flatMap { try? Quantity(parsing: $0) }
        return parsed.flatMap { $0.isPositive ? $0 : nil } ?? (try! Quantity(parsing: fallback))
      }
      return sum
        + ResourceAmounts(
          cpu: quantity(database.cpu, "250m"), memory: quantity(database.memory, "512Mi"),
          storageGb: database.storageGb ?? 10)
    }
  }
}

/// A count shared with a property's closure, which may run on any thread.
private final class Counter: Sendable {
  private let count = Mutex(0)

  func add() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}
