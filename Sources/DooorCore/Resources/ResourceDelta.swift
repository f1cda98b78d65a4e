/// CPU, memory and storage before and after a plan, per workspace and in total (CONTRACT §8),
/// counting the API's defaults for fields neither declared nor reported.
public struct ResourceDelta: Sendable, Hashable {
  public struct Workspace: Sendable, Hashable {
    public var name: String
    public var before: ResourceAmounts
    public var after: ResourceAmounts
    /// Databases whose figures include an API default (before or after).
    public var defaultsCounted: Int

    public init(
      name: String, before: ResourceAmounts, after: ResourceAmounts, defaultsCounted: Int
    ) {
      self.name = name
      self.before = before
      self.after = after
      self.defaultsCounted = defaultsCounted
    }
  }

  /// By name.
  public var workspaces: [Workspace]

  public init(workspaces: [Workspace]) {
    self.workspaces = workspaces
  }

  public init(_ state: PlannedState) {
    workspaces = state.workspaces.map { workspace in
      var before = ResourceAmounts.zero
      var after = ResourceAmounts.zero
      var defaulted: Set<String> = []
      for database in workspace.before {
        before += database.amounts
        if database.countsDefaults { defaulted.insert(database.reference.slug) }
      }
      for database in workspace.after {
        after += database.amounts
        if database.countsDefaults { defaulted.insert(database.reference.slug) }
      }
      return Workspace(
        name: workspace.name, before: before, after: after, defaultsCounted: defaulted.count)
    }
  }

  public var before: ResourceAmounts { workspaces.reduce(.zero) { $0 + $1.before } }
  public var after: ResourceAmounts { workspaces.reduce(.zero) { $0 + $1.after } }
  public var defaultsCounted: Int { workspaces.reduce(0) { $0 + $1.defaultsCounted } }
}
