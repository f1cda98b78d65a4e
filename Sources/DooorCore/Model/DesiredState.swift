/// One workspace as all manifests together declare it.
public struct DeclaredWorkspace: Sendable, Hashable {
  public var name: String
  /// True: databases of the workspace that no manifest declares are deleted.
  public var prune: Bool
  /// Sorted by slug.
  public var databases: [DeclaredDatabase]

  public init(name: String, prune: Bool = false, databases: [DeclaredDatabase] = []) {
    self.name = name
    self.prune = prune
    self.databases = databases.sorted { $0.slug < $1.slug }
  }

  public func database(_ slug: String) -> DeclaredDatabase? {
    databases.first { $0.slug == slug }
  }
}

/// Everything the manifests declare: the first value of the pipeline, handed to the planner.
public struct DesiredState: Sendable, Hashable {
  /// Sorted by name.
  public var workspaces: [DeclaredWorkspace]

  public init(workspaces: [DeclaredWorkspace] = []) {
    self.workspaces = workspaces.sorted { $0.name < $1.name }
  }

  public func workspace(_ name: String) -> DeclaredWorkspace? {
    workspaces.first { $0.name == name }
  }

  /// Only the named workspaces (`--workspace`); all of them when `names` is empty.
  public func limited(to names: Set<String>) -> DesiredState {
    names.isEmpty ? self : DesiredState(workspaces: workspaces.filter { names.contains($0.name) })
  }
}
