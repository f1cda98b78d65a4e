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
      // A slug declared twice is an error the plan reports; either protect keeps it.
      let protectBySlug = Dictionary(
        workspace.databases.map { ($0.slug, $0.protect) }, uniquingKeysWith: { $0 || $1 })
      return DeclaredScope(
        workspace: workspace.name, prune: workspace.prune && !targeted,
        protectBySlug: protectBySlug)
    }
  }
}
