extension SavedPlan {
  /// Why the file's changes do not follow from what it records, one sentence each; empty when
  /// they do. A saved change carries both what the reviewer saw (`action`, `fields`) and what
  /// apply sends (`declared`); the declaration is the one source: each change is planned again
  /// from it and the recorded remote, and must come out exactly as shown. A protected database
  /// is never deleted or replaced, whatever the file says, and a change must be one the
  /// recorded manifests (`declaredScopes`) could have produced.
  public func inconsistencies() -> [String] {
    var problems: [String] = []
    for change in plan.changes {
      let name = DisplayText.visible(change.reference.description)
      if let problem = scopeProblem(of: change, name: name) {
        problems.append(problem)
        continue
      }
      guard let declared = change.declared else {
        // Pruning: nothing is sent but a DELETE of the recorded database.
        if change.action != .delete || change.remote == nil || !change.fields.isEmpty {
          problems.append("\(name): a \(change.action.rawValue) without a declaration")
        }
        continue
      }
      guard declared.slug == change.reference.slug else {
        problems.append("\(name): its declaration is for another slug")
        continue
      }
      let workspace = change.reference.workspace
      let replanned = Planner.plan(
        desired: DesiredState(workspaces: [
          DeclaredWorkspace(name: workspace, databases: [declared])
        ]),
        observed: ObservedState(workspaces: [workspace: change.remote.map { [$0] } ?? []]),
        options: PlanOptions(replacements: change.isRequestedReplacement ? [change.reference] : []))
      let again = replanned.changes.first { $0.reference == change.reference }
      if again?.action != change.action || again?.fields != change.fields
        || !replanned.errors.isEmpty
      {
        problems.append(
          "\(name): the \(change.action.rawValue) and fields shown are not what its declaration"
            + " gives against the recorded state")
      }
    }
    return problems
  }

  /// Why a destructive or declared change could not have come from the recorded manifests, or
  /// nil when it could. A plan without the record (hand-made, or from an older dooordb) may not
  /// destroy anything.
  func scopeProblem(of change: PlannedChange, name: String) -> String? {
    guard let scopes = plan.declaredScopes else {
      return change.isDestructive
        ? "\(name): the plan does not record what its manifests declare, so it may not"
          + " \(change.action.rawValue) anything; make a new plan"
        : nil
    }
    let scope = scopes.first { $0.workspace == change.reference.workspace }
    let protect = scope?.protectBySlug[change.reference.slug]
    if change.isDestructive && (protect == true || change.declared?.protect == true) {
      return "\(name) is protected (protect: true), but the plan would \(change.action.rawValue) it"
    }
    guard let declared = change.declared else {
      guard let scope, scope.prune else {
        return "\(name): deleted without a declaration, but its workspace's manifests do not set"
          + " prune: true"
      }
      return protect == nil
        ? nil
        : "\(name): deleted without a declaration, but its manifests declare it"
    }
    guard protect == declared.protect else {
      return "\(name): its declaration is not among what the plan's manifests declare"
    }
    return nil
  }
}
