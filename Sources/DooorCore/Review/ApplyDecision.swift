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

/// One reason a plan may not be applied.
public enum ApplyRefusal: Sendable, Hashable, CustomStringConvertible {
  case errors(count: Int)
  case mandatoryViolations([PolicyViolation])
  case destroyBudget(limit: Int, changes: [String])
  case destructiveNotAllowed([String])

  public var description: String {
    switch self {
    case .errors(let count):
      return "the plan has \(count) error\(count == 1 ? "" : "s")"
    case .mandatoryViolations(let violations):
      // The violations themselves are listed with the plan; this names how many.
      let count = violations.count
      let policies = Set(violations.map(\.policy)).sorted().joined(separator: ", ")
      return "the plan breaks mandatory policies (\(count) violation\(count == 1 ? "" : "s") of"
        + " \(policies))"
    case .destroyBudget(let limit, let changes):
      return "the plan deletes or replaces \(changes.count) databases"
        + " (\(changes.joined(separator: ", "))), more than --max-destroy \(limit) allows"
    case .destructiveNotAllowed(let changes):
      return "the plan deletes or replaces databases (\(changes.joined(separator: ", ")));"
        + " pass --allow-destroy to allow it"
    }
  }
}
