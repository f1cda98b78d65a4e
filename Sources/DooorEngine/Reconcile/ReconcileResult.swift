public import DooorCore

/// How a reconcile cycle ended: the `result` label of `dooordb_reconcile_cycles_total`.
public enum ReconcileResult: String, Sendable, Hashable, CaseIterable {
  case noDrift = "no_drift"
  case drift
  case applied
  case applyFailed = "apply_failed"
  /// The plan has errors (a storage shrink, a protected database replaced...).
  case refusedErrors = "refused_errors"
  case refusedDestructive = "refused_destructive"
  case refusedPolicy = "refused_policy"
  case invalidManifests = "invalid_manifests"
  case apiError = "api_error"

  /// The result of a cycle whose plan `ApplyDecision` refused, so reconcile refuses exactly what
  /// `apply` would. A plan refused for several reasons is labelled by the first of errors,
  /// deletes or replaces, and mandatory policy violations.
  public static func refused(_ refusals: [ApplyRefusal]) -> ReconcileResult {
    let ranked = refusals.map { refusal -> ReconcileResult in
      switch refusal {
      case .errors: .refusedErrors
      case .destroyBudget, .destructiveNotAllowed: .refusedDestructive
      case .mandatoryViolations: .refusedPolicy
      }
    }
    for result in [refusedErrors, refusedDestructive, refusedPolicy] where ranked.contains(result) {
      return result
    }
    return .refusedErrors
  }
}
