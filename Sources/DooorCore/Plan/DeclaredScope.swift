/// What the manifests behind a plan allow it to delete in one workspace: whether prune is on,
/// and every slug they declare (present or absent, changed or not) with its `protect`.
///
/// A saved plan records it under its checksum, so apply can refuse a delete those manifests
/// could not have produced: a declaration-less delete in a workspace without prune, of a
/// declared slug, or of a protected database. An editor who rewrites this record as well and
/// recomputes the checksum is stopped only by `apply --expect-checksum`.
public struct DeclaredScope: Sendable, Hashable {
  public var workspace: String
  /// False in a targeted plan: `--target` turns prune off.
  public var prune: Bool
  /// Each declared slug and its `protect`.
  public var protectBySlug: [String: Bool]

  public init(workspace: String, prune: Bool, protectBySlug: [String: Bool]) {
    self.workspace = workspace
    self.prune = prune
    self.protectBySlug = protectBySlug
  }

  /// The scope of each workspace `desired` declares; prune off everywhere when `targeted`.
  static func scopes(of desired: DesiredState, targeted: Bool) -> [DeclaredScope] {
    desired.workspaces.map { workspace in
      var protectBySlug: [String: Bool] = [:]
      protectBySlug.reserveCapacity(workspace.databases.count)
      for database in workspace.databases {
        // A slug declared twice is an error the plan reports; either protect keeps it.
        protectBySlug[database.slug, default: false] =
          protectBySlug[database.slug, default: false] || database.protect
      }
      return DeclaredScope(
        workspace: workspace.name, prune: workspace.prune && !targeted,
        protectBySlug: protectBySlug)
    }
  }
}

extension SavedPlan {
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
