import DooorCore
import Testing

private typealias F = PlanFixture

/// `ApplyDecision.decide`, row by row: every reason to refuse, alone and together, and when
/// there is nothing to do.
@Suite(.timeLimit(.minutes(1)))
struct ApplyDecisionTests {
  static let reference = DatabaseReference(workspace: "acme", slug: "a")
  static let create = PlannedChange(reference: reference, action: .create)
  static let delete = PlannedChange(
    reference: DatabaseReference(workspace: "acme", slug: "old"), action: .delete)
  static let replace = PlannedChange(
    reference: DatabaseReference(workspace: "acme", slug: "b"), action: .replace)
  static let error = Diagnostic.error(at: nil, "storage can only grow")
  static func violation(_ enforcement: Policy.Enforcement) -> PolicyViolation {
    PolicyViolation(
      policy: "p", rule: .forbid, enforcement: enforcement, workspace: "acme", slug: "a",
      message: "create is forbidden", location: nil)
  }

  struct Row: Sendable, CustomTestStringConvertible {
    var title: String
    var plan: Plan
    var allowDestroy = false
    var maxDestroy: Int?
    /// The refusals' kinds in order, or "apply" / "nothing".
    var expected: [String]
    var testDescription: String { title }
  }

  static func plan(
    _ changes: [PlannedChange], errors: [Diagnostic] = [], violations: [PolicyViolation]? = nil,
    notReady: [NotReadyDatabase] = []
  ) -> Plan {
    var plan = Plan(changes: changes, notReady: notReady, errors: errors)
    plan.policy = violations.map { PolicyReport(checked: 1, violations: $0) }
    return plan
  }

  static let rows: [Row] = [
    Row(title: "no change", plan: plan([]), expected: ["nothing"]),
    Row(
      title: "no change but a database to wait for",
      plan: plan(
        [], notReady: [NotReadyDatabase(reference: reference, id: "1", status: .error, note: "")]),
      expected: ["apply"]),
    Row(title: "a create", plan: plan([create]), expected: ["apply"]),
    Row(title: "errors", plan: plan([create], errors: [error]), expected: ["errors"]),
    Row(title: "errors and no change", plan: plan([], errors: [error]), expected: ["errors"]),
    Row(
      title: "a mandatory violation", plan: plan([create], violations: [violation(.mandatory)]),
      expected: ["mandatoryViolations"]),
    Row(
      title: "an advisory violation only", plan: plan([create], violations: [violation(.advisory)]),
      expected: ["apply"]),
    Row(
      title: "a mandatory violation and no change (drift, totals)",
      plan: plan([], violations: [violation(.mandatory)]), expected: ["mandatoryViolations"]),
    Row(
      title: "an advisory violation and no change",
      plan: plan([], violations: [violation(.advisory)]),
      expected: ["nothing"]),
    Row(
      title: "destructive without --allow-destroy", plan: plan([delete]), expected: ["destructive"]),
    Row(
      title: "destructive with --allow-destroy", plan: plan([delete]), allowDestroy: true,
      expected: ["apply"]),
    Row(
      title: "within --max-destroy", plan: plan([delete, replace]), allowDestroy: true,
      maxDestroy: 2, expected: ["apply"]),
    Row(
      title: "over --max-destroy, whatever --allow-destroy says", plan: plan([delete, replace]),
      allowDestroy: true, maxDestroy: 1, expected: ["budget"]),
    Row(
      title: "--max-destroy 0 and a create", plan: plan([create]), maxDestroy: 0,
      expected: ["apply"]),
    Row(
      title: "every reason at once",
      plan: plan([delete, replace], errors: [error], violations: [violation(.mandatory)]),
      maxDestroy: 1, expected: ["errors", "mandatoryViolations", "budget", "destructive"]),
  ]

  @Test(arguments: rows)
  func decide(_ row: Row) {
    let decision = ApplyDecision.decide(
      row.plan, permissions: .init(allowDestroy: row.allowDestroy, maxDestroy: row.maxDestroy))
    let kinds: [String] =
      switch decision {
      case .apply: ["apply"]
      case .nothingToDo: ["nothing"]
      case .refuse(let refusals):
        refusals.map {
          switch $0 {
          case .errors: "errors"
          case .mandatoryViolations: "mandatoryViolations"
          case .destroyBudget: "budget"
          case .destructiveNotAllowed: "destructive"
          }
        }
      }
    #expect(kinds == row.expected)
  }

  @Test func refusalsNameWhatTheyRefuse() {
    let decision = ApplyDecision.decide(
      Self.plan([Self.delete, Self.replace]), permissions: .init(allowDestroy: false, maxDestroy: 1)
    )
    #expect(
      decision.refusals.map(\.description) == [
        "the plan deletes or replaces 2 databases (delete acme/old, replace acme/b), more than"
          + " --max-destroy 1 allows",
        "the plan deletes or replaces databases (delete acme/old, replace acme/b); pass"
          + " --allow-destroy to allow it",
      ])
  }
}
