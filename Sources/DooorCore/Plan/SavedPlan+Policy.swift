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
  /// Which unchanged databases a manifest declares is what the plan left out of its
  /// unmanaged list. A targeted plan lists none and compared only its targets, so there only
  /// the databases it changes are checked.
  public func policyReport(_ policies: [Policy], observed: ObservedState) -> PolicyReport {
    var state = PlannedState(
      plan: plan, observed: observed, desired: nil, workspaces: comparedWorkspaces)
    if plan.targeting == nil {
      state.markUnchangedAsManaged(except: Set(plan.unmanaged), observed: observed)
    }
    return PolicyEvaluator.evaluate(policies, state: state, plan: plan)
  }
}

extension PlannedState {
  /// Marks as declared every database after the plan but the `unmanaged` ones and those being
  /// deleted, which `plan` does not check either (a `state: absent` one already going, or one
  /// a create waits for).
  fileprivate mutating func markUnchangedAsManaged(
    except unmanaged: Set<DatabaseReference>, observed: ObservedState
  ) {
    for index in workspaces.indices {
      let remote = RemoteIndex(observed.databases(in: workspaces[index].name))
      for position in workspaces[index].after.indices {
        let database = workspaces[index].after[position]
        guard !database.isManaged, !unmanaged.contains(database.reference),
          remote[database.reference.slug]?.status != .deleting
        else { continue }
        workspaces[index].after[position].isManaged = true
      }
    }
  }
}
