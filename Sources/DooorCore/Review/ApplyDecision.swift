/// Whether a plan may be applied, and if not, every reason why (CONTRACT §4, §8): the one
/// place that decides it. `plan` asks it for its exit code, `apply` before changing anything.
public enum ApplyDecision: Sendable, Hashable {
  case apply
  /// No change and nothing to wait for.
  case nothingToDo
  case refuse([ApplyRefusal])

  /// What the operator allowed on the command line.
  public struct Permissions: Sendable, Hashable {
    public var allowDestroy: Bool
    /// `--max-destroy N`: at most N deletes and replaces, whatever `allowDestroy` says.
    public var maxDestroy: Int?

    public init(allowDestroy: Bool, maxDestroy: Int? = nil) {
      self.allowDestroy = allowDestroy
      self.maxDestroy = maxDestroy
    }
  }

  public static func decide(_ plan: Plan, permissions: Permissions) -> ApplyDecision {
    var refusals: [ApplyRefusal] = []
    if plan.hasErrors { refusals.append(.errors(count: plan.errors.count)) }
    if let report = plan.policy, report.hasMandatoryViolations {
      refusals.append(.mandatoryViolations(report.mandatory))
    }
    let destructive = plan.changes.filter(\.isDestructive)
    if let budget = permissions.maxDestroy, destructive.count > budget {
      refusals.append(.destroyBudget(limit: budget, changes: destructive.map(Self.describe)))
    }
    if !destructive.isEmpty, !permissions.allowDestroy {
      refusals.append(.destructiveNotAllowed(destructive.map(Self.describe)))
    }
    if !refusals.isEmpty { return .refuse(refusals) }
    return plan.hasChanges || !plan.notReady.isEmpty ? .apply : .nothingToDo
  }

  public var refusals: [ApplyRefusal] {
    if case .refuse(let refusals) = self { return refusals }
    return []
  }

  /// `delete acme/old`, as refusals name changes.
  private static func describe(_ change: PlannedChange) -> String {
    "\(change.action.rawValue) \(DisplayText.visible(change.reference.description))"
  }
}
