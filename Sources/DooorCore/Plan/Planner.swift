/// Computes what would make the remote databases match the manifests (CONTRACT §2).
///
/// Pure: the same desired and observed states always give the same plan, whatever order the
/// API listed the databases in. Work is linear in the number of databases (plus sorting).
public enum Planner {
  /// The plan that turns `observed` into `desired`, for the workspaces `desired` declares.
  /// Workspaces only the API knows are not looked at.
  public static func plan(
    desired: DesiredState, observed: ObservedState, options: PlanOptions = PlanOptions()
  ) -> Plan {
    let targeted = !options.targets.isEmpty
    // A database named with `--replace` is named as surely as one with `--target`: narrowing
    // to the targets must not drop the replacement the operator asked for.
    let targets = targeted ? options.targets + options.replacements : []
    let compared = targeted ? PlanTargets.narrowed(desired, to: targets) : desired
    var builder = PlanBuilder(replacing: Set(options.replacements))
    for workspace in compared.workspaces {
      builder.plan(workspace: workspace, remote: observed.databases(in: workspace.name))
    }
    var plan = builder.finish()
    plan.errors += PlanTargets.undeclared(options, in: desired)
    if targeted {
      plan = PlanTargets.restrict(plan, to: targets, compared: compared)
      plan.targeting = Targeting(
        compared: compared.workspaces.reduce(0) { $0 + $1.databases.count },
        declared: desired.workspaces.reduce(0) { $0 + $1.databases.count })
    }
    let state = PlannedState(
      plan: plan, observed: observed, desired: compared,
      workspaces: desired.workspaces.map(\.name))
    plan.resources = ResourceDelta(state)
    plan.declaredScopes = DeclaredScope.scopes(of: desired, targeted: targeted)
    if !options.policies.isEmpty {
      plan.policy = PolicyEvaluator.evaluate(options.policies, state: state, plan: plan)
    }
    return plan
  }

  /// The remote databases for which the list answer left out a field a manifest manages
  /// (the reference's list items have no `storageClass`): fetch exactly these one by one and
  /// put the answers into the observed state (`ObservedState.updating(with:)`) before planning.
  public static func databasesNeedingDetails(
    desired: DesiredState, observed: ObservedState
  ) -> [DatabaseReference] {
    var needed: [DatabaseReference] = []
    for workspace in desired.workspaces {
      let remoteBySlug = RemoteIndex(observed.databases(in: workspace.name))
      for declared in workspace.databases where declared.state == .present {
        guard let remote = remoteBySlug[declared.slug], remote.status != .deleting else {
          continue
        }
        if FieldComparison.missesManagedField(declared: declared, remote: remote) {
          needed.append(DatabaseReference(workspace: workspace.name, slug: declared.slug))
        }
      }
    }
    return needed
  }
}

/// The remote databases of one workspace by slug. The API keeps slugs unique in a workspace;
/// should it ever answer with a slug twice, the first is used and the rest reported.
/// Positions, not copies, are stored: a database is a large value and there may be many.
struct RemoteIndex {
  let databases: [RemoteDatabase]
  private(set) var positions: [String: Int] = [:]
  private(set) var duplicates: [RemoteDatabase] = []

  init(_ databases: [RemoteDatabase]) {
    self.databases = databases
    positions.reserveCapacity(databases.count)
    for (position, database) in databases.enumerated() {
      if positions[database.slug] == nil {
        positions[database.slug] = position
      } else {
        duplicates.append(database)
      }
    }
  }

  subscript(slug: String) -> RemoteDatabase? {
    positions[slug].map { databases[$0] }
  }
}
