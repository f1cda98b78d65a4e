/// What the API holds for the workspaces a run looks at: the second input of the planner.
public struct ObservedState: Sendable, Hashable {
  /// Databases by workspace name. A workspace that was listed and is empty maps to `[]`.
  public var workspaces: [String: [RemoteDatabase]]

  public init(workspaces: [String: [RemoteDatabase]] = [:]) {
    self.workspaces = workspaces
  }

  public func databases(in workspace: String) -> [RemoteDatabase] {
    workspaces[workspace] ?? []
  }
}
