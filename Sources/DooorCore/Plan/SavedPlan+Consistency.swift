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
      if declared.protect && change.isDestructive {
        problems.append(
          "\(name) is protected (protect: true), but the plan would \(change.action.rawValue) it")
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
}
