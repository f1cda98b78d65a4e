import DooorCore
import DooorEngine
import Testing

/// A reconcile cycle's result label for a refused plan comes from `ApplyDecision`'s refusals,
/// and API paths become bounded route labels.
@Suite(.timeLimit(.minutes(1)))
struct ReconcileResultTests {
  static let violation = PolicyViolation(
    policy: "small", rule: .max, enforcement: .mandatory, workspace: "demo", slug: "app",
    message: "cpu 2 is more than 1", location: nil)

  @Test func eachRefusalKindHasItsResult() {
    #expect(ReconcileResult.refused([.errors(count: 1)]) == .refusedErrors)
    #expect(ReconcileResult.refused([.mandatoryViolations([Self.violation])]) == .refusedPolicy)
    #expect(
      ReconcileResult.refused([.destructiveNotAllowed(["replace demo/app"])]) == .refusedDestructive
    )
    #expect(
      ReconcileResult.refused([.destroyBudget(limit: 0, changes: ["delete demo/old"])])
        == .refusedDestructive)
  }

  @Test func aPlanRefusedForSeveralReasonsIsLabelledByErrorsThenDestructionThenPolicy() {
    let policy = ApplyRefusal.mandatoryViolations([Self.violation])
    let destructive = ApplyRefusal.destructiveNotAllowed(["replace demo/app"])
    #expect(ReconcileResult.refused([policy, destructive]) == .refusedDestructive)
    #expect(ReconcileResult.refused([policy, destructive, .errors(count: 2)]) == .refusedErrors)
  }

  @Test func aPlanWithErrorsIsRefusedByTheDecisionApplyUses() {
    let plan = Plan(errors: [.error(at: nil, "storage can only grow")])
    let decision = ApplyDecision.decide(plan, permissions: .init(allowDestroy: false))
    #expect(ReconcileResult.refused(decision.refusals) == .refusedErrors)
  }

  @Test func routesKeepTheirShapeButNoIdsOrQuery() {
    #expect(
      MetricRoute.template("/api/v1/workspaces/acme/databases")
        == "/workspaces/{workspace}/databases")
    #expect(
      MetricRoute.template("/api/v1/workspaces/acme/databases?page=2&key=dor_sk_secret")
        == "/workspaces/{workspace}/databases")
    #expect(
      MetricRoute.template("/workspaces/acme/databases/5f1c-77/status")
        == "/workspaces/{workspace}/databases/{id}/status")
    #expect(MetricRoute.template("/workspaces/acme/databases/5f1c-77/a/b") == "other")
    #expect(MetricRoute.template("/health") == "other")
    #expect(MetricRoute.template("") == "other")
  }
}
