/// The databases of each workspace a plan looks at, before and after the plan, sized with
/// the API's defaults: what the resource delta adds up and what policies check.
///
/// "After" is the pure model of apply: a create or replace makes the declared database (API
/// defaults for omitted fields, as a new database gets them), an update sets the changed
/// fields, a delete removes the database, and every other database stays as it is.
public struct PlannedState: Sendable, Hashable {
  public struct Workspace: Sendable, Hashable {
    public var name: String
    /// By slug.
    public var before: [SizedDatabase]
    /// By slug.
    public var after: [SizedDatabase]
  }

  /// By name.
  public var workspaces: [Workspace]

  /// The state of `workspaces` before and after `plan`. Declarations of databases the plan
  /// does not change come from `desired` (nil for a saved plan, which records only the
  /// declarations of the databases it changes).
  public init(
    plan: Plan, observed: ObservedState, desired: DesiredState?, workspaces names: [String]
  ) {
    var quantities = QuantityCache()
    var changesByWorkspace: [String: [PlannedChange]] = [:]
    for change in plan.changes {
      changesByWorkspace[change.reference.workspace, default: []].append(change)
    }
    workspaces = Set(names).sorted().map { name in
      var before: [SizedDatabase] = []
      var positions: [String: Int] = [:]
      for remote in observed.databases(in: name) where positions[remote.slug] == nil {
        positions[remote.slug] = before.count
        before.append(
          SizedDatabase(
            remote: remote, reference: DatabaseReference(workspace: name, slug: remote.slug),
            quantities: &quantities))
      }
      var after: [String: SizedDatabase] = [:]
      after.reserveCapacity(before.count)
      for database in before { after[database.reference.slug] = database }
      for declared in desired?.workspace(name)?.databases ?? [] where declared.state == .present {
        after[declared.slug]?.declared = declared
        after[declared.slug]?.isManaged = true
      }
      for change in changesByWorkspace[name] ?? [] {
        let slug = change.reference.slug
        switch change.action {
        case .create, .replace:
          if let declared = change.declared {
            after[slug] = SizedDatabase(created: declared, reference: change.reference)
          }
        case .update:
          after[slug] = after[slug]?.updated(with: change.fields, declared: change.declared)
        case .delete:
          after[slug] = nil
        }
      }
      return Workspace(
        name: name, before: before.sorted { $0.reference.slug < $1.reference.slug },
        after: after.values.sorted { $0.reference.slug < $1.reference.slug })
    }
  }
}
