/// The databases the manifests declare and their `dependsOn` edges, each node marked with the
/// action a plan has for it, in the order apply follows (a dependency before its dependents).
public struct DependencyGraph: Sendable, Hashable {
  public struct Node: Sendable, Hashable {
    public var reference: DatabaseReference
    /// Nil: no plan was made (offline), or the plan leaves the database as it is.
    public var action: ChangeAction?
    /// The API reports the database in `error` status: drawn so, whatever its action.
    public var isErrored = false
  }

  /// An edge from a dependency to the database that waits for it.
  public struct Edge: Sendable, Hashable {
    public var dependency: DatabaseReference
    public var dependent: DatabaseReference
  }

  public var nodes: [Node]
  public var edges: [Edge]

  /// Builds the graph; pass the plan to mark each node with its planned action and to add
  /// the databases it deletes that no manifest declares (prune).
  public init(desired: DesiredState, plan: Plan? = nil) {
    var actions: [DatabaseReference: ChangeAction] = [:]
    for change in plan?.changes ?? [] { actions[change.reference] = change.action }
    let errored = Set((plan?.notReady ?? []).filter { $0.status == .error }.map(\.reference))
    var nodes: [Node] = []
    var edges: [Edge] = []
    for workspace in desired.workspaces {
      var declared: Set<String> = []
      for database in workspace.databases {
        let reference = DatabaseReference(workspace: workspace.name, slug: database.slug)
        declared.insert(database.slug)
        nodes.append(
          Node(
            reference: reference, action: actions[reference],
            isErrored: errored.contains(reference)))
        for dependency in database.dependsOn.sorted() {
          edges.append(
            Edge(
              dependency: DatabaseReference(workspace: workspace.name, slug: dependency),
              dependent: reference))
        }
      }
      // Pruned databases have no declaration, but they are deleted: the graph shows them.
      for change in plan?.changes ?? []
      where change.reference.workspace == workspace.name
        && !declared.contains(change.reference.slug)
      {
        nodes.append(
          Node(
            reference: change.reference, action: change.action,
            isErrored: errored.contains(change.reference)))
      }
    }
    self.nodes = nodes
    self.edges = edges
  }

  public var hasEdges: Bool { !edges.isEmpty }
}
