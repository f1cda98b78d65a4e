/// Checks policies against the state after a plan, or against the live state (drift). Pure:
/// the same policies, state and plan always give the same report.
public enum PolicyEvaluator {
  public enum Scope: Sendable {
    /// A plan: the declared databases after it, its actions and its destroy count.
    case plan
    /// What the API holds now: every database of a covered workspace, by its live values;
    /// `require`, `forbid` and `maxDestroy` are about manifests and plans and are not checked.
    case liveState
  }

  public static func evaluate(
    _ policies: [Policy], state: PlannedState, plan: Plan, scope: Scope = .plan
  ) -> PolicyReport {
    guard !policies.isEmpty else { return PolicyReport() }
    let compiled = policies.map { policy in
      (policy: policy, slugPattern: policy.slugPattern.flatMap { try? Regex($0) })
    }
    var changesByWorkspace: [String: [PlannedChange]] = [:]
    if case .plan = scope {
      for change in plan.changes {
        changesByWorkspace[change.reference.workspace, default: []].append(change)
      }
    }
    var checked = 0
    var violations: [PolicyViolation] = []
    for workspace in state.workspaces {
      let covering = compiled.filter { $0.policy.covers(workspace: workspace.name) }
      guard !covering.isEmpty else { continue }
      // In a plan only the managed databases are subjects; iterated in place, because a
      // filtered copy of 10,000 databases costs more than the rules themselves.
      let onlyManaged = scope == .plan
      checked += onlyManaged ? workspace.after.count(where: \.isManaged) : workspace.after.count
      for (policy, slugPattern) in covering {
        var check = PolicyCheck(policy: policy, workspace: workspace.name)
        for database in workspace.after where !onlyManaged || database.isManaged {
          check.database(database, slugPattern: slugPattern, checkDeclarations: onlyManaged)
        }
        check.totals(
          workspace.after, when: scope == .plan ? "after the plan" : "in the live state")
        if case .plan = scope {
          check.actions(changesByWorkspace[workspace.name] ?? [])
        }
        violations += check.violations
      }
    }
    return PolicyReport(checked: checked, violations: violations)
  }
}

extension PolicyEvaluator.Scope: Equatable {}
