import DooorCore
import Testing

private typealias F = PlanFixture

/// Each rule of CONTRACT §8, passing and failing, as a table: the policy as written, the
/// declared and remote databases of workspace `acme`, and the violations expected (`rule
/// subject @line:column` where the offending value is written).
@Suite(.timeLimit(.minutes(1)))
struct PolicyRuleTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var title: String
    var rules: String
    var declared: [DeclaredDatabase]
    var remote: [RemoteDatabase] = []
    var prune = false
    var expected: [String]
    var testDescription: String { title }
  }

  static let rows: [Row] = [
    Row(
      title: "engines: allowed", rules: "engines: [postgresql, redis]",
      declared: [F.declared("a", engine: .redis)], expected: []),
    Row(
      title: "engines: not allowed, at the engine key", rules: "engines: [postgresql, redis]",
      declared: [F.declared("a", engine: .mysql)], expected: ["engines acme/a @12:7"]),
    Row(
      title: "versions: at least", rules: "versions: {postgresql: \">=15\"}",
      declared: [F.declared("a", version: "16.2")], expected: []),
    Row(
      title: "versions: below the minimum, at the version key",
      rules: "versions: {postgresql: \">=15\"}",
      declared: [F.declared("a", version: "14")], expected: ["versions acme/a @13:7"]),
    Row(
      title: "versions: at most", rules: "versions: {mysql: \"<=8\"}",
      declared: [F.declared("a", engine: .mysql, version: "8.0")], expected: []),
    Row(
      title: "versions: an omitted version counts as the API's default (mysql 8)",
      rules: "versions: {mysql: \"5.7\"}",
      declared: [F.declared("a", engine: .mysql)], expected: ["versions acme/a @10:5"]),
    Row(
      title: "versions: a list of release lines", rules: "versions: {redis: [\"6\", \"7\"]}",
      declared: [F.declared("a", engine: .redis, version: "7.2")], expected: []),
    Row(
      title: "versions: only the engine named is constrained",
      rules: "versions: {redis: \">=7\"}",
      declared: [F.declared("a", version: "9")], expected: []),
    Row(
      title: "max cpu: equal by value passes", rules: "max: {cpu: \"1\"}",
      declared: [F.declared("a", cpu: "1000m")], expected: []),
    Row(
      title: "max cpu: above, at the cpu key", rules: "max: {cpu: \"1\"}",
      declared: [F.declared("a", cpu: "2")], expected: ["max acme/a @14:7"]),
    Row(
      title: "max memory: above", rules: "max: {memory: 1Gi}",
      declared: [F.declared("a", memory: "2Gi")], expected: ["max acme/a @15:7"]),
    Row(
      title: "max storageGb: above", rules: "max: {storageGb: 500}",
      declared: [F.declared("a", storageGb: 600)], expected: ["max acme/a @16:7"]),
    Row(
      title: "max: an omitted memory counts as the API's default 512Mi",
      rules: "max: {memory: 256Mi}", declared: [F.declared("a")],
      expected: ["max acme/a @10:5"]),
    Row(
      title: "max: an omitted cpu of an existing database counts as its remote value",
      rules: "max: {cpu: \"4\"}", declared: [F.declared("a")],
      remote: [F.remote("a", cpu: "8")], expected: ["max acme/a @10:5"]),
    Row(
      title: "max: the plan's value counts, not the remote one", rules: "max: {cpu: \"4\"}",
      declared: [F.declared("a", cpu: "2")], remote: [F.remote("a", cpu: "8")], expected: []),
    Row(
      title: "totals: within", rules: "totals: {cpu: \"2\", memory: 2Gi, storageGb: 40}",
      declared: [F.declared("a", cpu: "1", memory: "1Gi", storageGb: 20)], expected: []),
    Row(
      title: "totals: unmanaged databases count, defaults count",
      rules: "totals: {cpu: \"1\"}",
      declared: [F.declared("a", cpu: "600m"), F.declared("b", line: 40)],
      remote: [F.remote("manual", cpu: "250m")], expected: ["totals workspace acme"]),
    Row(
      title: "totals: a delete frees what it held", rules: "totals: {storageGb: 30}",
      declared: [F.declared("a", storageGb: 20)],
      remote: [F.remote("old", storageGb: 50)], prune: true, expected: []),
    Row(
      title: "totals memory: over, unmanaged and defaults counted",
      rules: "totals: {memory: 1Gi}",
      declared: [F.declared("a", memory: "768Mi")], remote: [F.remote("manual")],
      expected: ["totals workspace acme"]),
    Row(
      title: "totals storageGb: over", rules: "totals: {storageGb: 25}",
      declared: [F.declared("a", storageGb: 20), F.declared("b", line: 40)],
      expected: ["totals workspace acme"]),
    Row(
      title: "require protect: missing, at the entry", rules: "require: [protect]",
      declared: [F.declared("a")], expected: ["require acme/a @10:5"]),
    Row(
      title: "require protect: true passes", rules: "require: [protect]",
      declared: [F.declared("a", protect: true)], expected: []),
    Row(
      title: "require protect: false, at protect", rules: "require: [protect]",
      declared: [Self.unprotected("a")], expected: ["require acme/a @19:7"]),
    Row(
      title: "require storageClass: missing, at the entry", rules: "require: [storageClass]",
      declared: [F.declared("a")], expected: ["require acme/a @10:5"]),
    Row(
      title: "require storageClass: declared passes", rules: "require: [storageClass]",
      declared: [F.declared("a", storageClass: "ssd")], expected: []),
    Row(
      title: "require: each missing key once", rules: "require: [version, cpu, memory, storageGb]",
      declared: [F.declared("a", version: "16", cpu: "1")],
      expected: ["require acme/a @10:5", "require acme/a @10:5"]),
    Row(
      title: "forbid delete: state absent, at the state key", rules: "forbid: [delete]",
      declared: [F.declared("a", state: .absent)], remote: [F.remote("a")],
      expected: ["forbid acme/a @21:7"]),
    Row(
      title: "forbid delete: a prune delete has no manifest line", rules: "forbid: [delete]",
      declared: [F.declared("a")], remote: [F.remote("a"), F.remote("old")], prune: true,
      expected: ["forbid acme/old"]),
    Row(
      title: "forbid replace: at the forcing field", rules: "forbid: [replace]",
      declared: [F.declared("a", version: "17")], remote: [F.remote("a", version: "16")],
      expected: ["forbid acme/a @13:7"]),
    Row(
      title: "forbid update: at the first changed field", rules: "forbid: [update]",
      declared: [F.declared("a", cpu: "1", memory: "1Gi")], remote: [F.remote("a")],
      expected: ["forbid acme/a @14:7"]),
    Row(
      title: "forbid: other actions pass", rules: "forbid: [delete, replace]",
      declared: [F.declared("a", cpu: "1")], remote: [F.remote("a")], expected: []),
    Row(
      title: "maxDestroy: within the budget", rules: "maxDestroy: 1",
      declared: [F.declared("a")], remote: [F.remote("a"), F.remote("old")], prune: true,
      expected: []),
    Row(
      title: "maxDestroy: over the budget, for the workspace", rules: "maxDestroy: 1",
      declared: [F.declared("a", version: "17")],
      remote: [F.remote("a", version: "16"), F.remote("old")], prune: true,
      expected: ["maxDestroy workspace acme"]),
    Row(
      title: "slugPattern: matches", rules: "slugPattern: \"^[a-z]+-(db|cache)$\"",
      declared: [F.declared("orders-db")], expected: []),
    Row(
      title: "slugPattern: does not match, at the slug",
      rules: "slugPattern: \"^[a-z]+-(db|cache)$\"",
      declared: [F.declared("orders")], expected: ["slugPattern acme/orders @10:5"]),
  ]

  /// A declaration that writes `protect: false` (at line 19 for an entry at line 10).
  static func unprotected(_ slug: String) -> DeclaredDatabase {
    var declared = F.declared(slug)
    declared.keyLocations["protect"] = F.location(of: "protect")
    return declared
  }

  @Test(arguments: rows)
  func rule(_ row: Row) {
    let policies = PolicyFixture.policy(row.rules)
    let found = PolicyFixture.violations(
      policies, declared: row.declared, remote: row.remote, prune: row.prune)
    #expect(found == row.expected)
  }

  /// What the failing rows say, where a bare count would hide a wrong figure or a wrong reason.
  @Test(arguments: [
    (
      "totals: {memory: 1Gi}", [F.declared("a", memory: "768Mi")], [F.remote("manual")],
      "memory after the plan is 1.25Gi, more than the total 1Gi"
    ),
    (
      "totals: {storageGb: 25}", [F.declared("a", storageGb: 20), F.declared("b", line: 40)], [],
      "storage after the plan is 30 GB, more than the total 25 GB"
    ),
    (
      "totals: {cpu: 500m}", [F.declared("a", cpu: "1")], [],
      "cpu after the plan is 1 core, more than the total 500m"
    ),
    (
      "require: [protect]", [Self.unprotected("a")], [],
      "protect is false; the policy requires protect: true"
    ),
    (
      "require: [protect]", [F.declared("a")], [],
      "protect is not declared; the policy requires protect: true"
    ),
    (
      "require: [storageClass]", [F.declared("a")], [],
      "storageClass is not declared; the policy requires it"
    ),
    (
      "forbid: [update]", [F.declared("a", cpu: "1", memory: "1Gi")], [F.remote("a")],
      "update of cpu, memory is forbidden"
    ),
  ])
  func failingRulesSayWhatWasFound(
    rules: String, declared: [DeclaredDatabase], remote: [RemoteDatabase], message: String
  ) {
    let violations = PolicyFixture.report(
      PolicyFixture.policy(rules), declared: declared, remote: remote)
    #expect(violations.map(\.message) == [message])
  }

  @Test(arguments: [
    ("[\"*-production\"]", "acme-production", true),
    ("[\"*-production\"]", "acme-staging", false),
    ("[\"acme-prod?\"]", "acme-prod1", true),
    ("[\"acme-prod?\"]", "acme-prod12", false),
    ("[\"*-staging\", \"acme-*\"]", "acme-production", true),
    ("[\"*\"]", "anything", true),
    ("[\"acme\"]", "acme-production", false),
  ])
  func workspaceGlobsScopeAPolicy(globs: String, workspace: String, covered: Bool) {
    let policies = PolicyFixture.policy("workspaces: \(globs)\nforbid: [create]")
    let found = PolicyFixture.violations(
      policies, declared: [F.declared("a", workspace: workspace)], workspace: workspace)
    #expect(found == (covered ? ["forbid \(workspace)/a @10:5"] : []))
  }

  @Test func aPolicyWithoutWorkspacesCoversEveryWorkspace() {
    let policies = PolicyFixture.policy("forbid: [create]")
    #expect(Policy(name: "x", location: F.location(line: 1, column: 1)).covers(workspace: "a"))
    for workspace in ["acme", "beta-production"] {
      let found = PolicyFixture.violations(
        policies, declared: [F.declared("a", workspace: workspace)], workspace: workspace)
      #expect(found.count == 1)
    }
  }

  @Test(arguments: [("mandatory", true), ("advisory", false)])
  func enforcementDecidesWhetherAViolationBlocks(enforcement: String, blocks: Bool) {
    let policies = PolicyFixture.policy("enforcement: \(enforcement)\nforbid: [create]")
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: "acme", databases: [F.declared("a")])
      ]),
      observed: ObservedState(workspaces: ["acme": []]), options: PlanOptions(policies: policies))
    #expect(plan.policy?.violations.count == 1)
    #expect(plan.hasMandatoryViolations == blocks)
    #expect(plan.policy?.violations.first?.diagnostic.severity == (blocks ? .error : .warning))
    let decision = ApplyDecision.decide(plan, permissions: .init(allowDestroy: false))
    #expect((decision == .apply) == !blocks)
  }

  @Test func aPolicyIsDefaultMandatory() {
    #expect(PolicyFixture.policy("forbid: [delete]").first?.enforcement == .mandatory)
  }

  @Test func violationsNameThePolicyTheRuleTheDatabaseAndWhatWasFound() {
    let policies = PolicyFixture.policy("max: {cpu: \"4\"}", name: "production-is-safe")
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: "acme", databases: [F.declared("a", cpu: "8")])
      ]),
      observed: ObservedState(workspaces: ["acme": []]), options: PlanOptions(policies: policies))
    #expect(
      plan.policy?.violations.map(\.diagnostic.description) == [
        "databases/acme.yaml:14:7: error: policy production-is-safe (max, mandatory): acme/a:"
          + " cpu 8 is more than the maximum 4"
      ])
    #expect(plan.policy?.checked == 1)
  }
}
