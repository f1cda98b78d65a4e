extension SavedPlan {
  /// The workspaces `apply --plan` reads to check policies: every one the plan compared, as
  /// `plan` checked them (totals and unchanged databases too), not only those it changes.
  public var comparedWorkspaces: [String] {
    Set((origin?.workspaces ?? []) + plan.changes.map(\.reference.workspace)).sorted()
  }

  /// The policies given at apply time against the state this plan would leave, checked as
  /// `plan` would have: actions, the destroy budget and totals; `require` on the databases it
  /// changes (the only declarations it records); engines, versions, max and slugPattern on
  /// every declared database, the unchanged ones by their live values in `observed` (read
  /// for `comparedWorkspaces`).
  ///
  /// Which unchanged databases a manifest declares is what the plan recorded of its
  /// manifests (`declaredScopes`), so a database created after `plan --out` is not taken for
  /// a declared one. A targeted plan compared only its targets, so there only the databases
  /// it changes are checked.
  public func policyReport(_ policies: [Policy], observed: ObservedState) -> PolicyReport {
    var state = PlannedState(
      plan: plan, observed: observed, desired: nil, workspaces: comparedWorkspaces)
    if plan.targeting == nil, let scopes = plan.declaredScopes {
      state.markUnchangedAsManaged(declared: scopes, observed: observed)
    }
    return PolicyEvaluator.evaluate(policies, state: state, plan: plan)
  }
}

extension PlannedState {
  /// Marks as declared every database after the plan that the recorded manifests declare,
  /// but those being deleted, which `plan` does not check either (a `state: absent` one
  /// already going).
  fileprivate mutating func markUnchangedAsManaged(
    declared scopes: [DeclaredScope], observed: ObservedState
  ) {
    let declaredSlugs = Dictionary(
      scopes.map { ($0.workspace, Set($0.protectBySlug.keys)) }, uniquingKeysWith: { $0.union($1) })
    for index in workspaces.indices {
      let slugs = declaredSlugs[workspaces[index].name] ?? []
      let remote = RemoteIndex(observed.databases(in: workspaces[index].name))
      for position in workspaces[index].after.indices {
        let database = workspaces[index].after[position]
        guard !database.isManaged, slugs.contains(database.reference.slug),
          remote[database.reference.slug]?.status != .deleting
        else { continue }
        workspaces[index].after[position].isManaged = true
      }
    }
  }
}
