/// The databases the manifests declare and their `dependsOn` edges, each node marked with the
/// action a plan has for it, in the order apply follows (a dependency before its dependents).
public struct DependencyGraph: Sendable, Hashable {
  public struct Node: Sendable, Hashable {
    public var reference: DatabaseReference
    /// Nil: no plan was made (offline), or the plan leaves the database as it is.
    public var action: ChangeAction?
  }

  /// An edge from a dependency to the database that waits for it.
  public struct Edge: Sendable, Hashable {
    public var dependency: DatabaseReference
    public var dependent: DatabaseReference
  }

  public var nodes: [Node]
  public var edges: [Edge]

  /// Builds the graph; pass the plan to mark each node with its planned action.
  public init(desired: DesiredState, plan: Plan? = nil) {
    var actions: [DatabaseReference: ChangeAction] = [:]
    for change in plan?.changes ?? [] { actions[change.reference] = change.action }
    var nodes: [Node] = []
    var edges: [Edge] = []
    for workspace in desired.workspaces {
      for database in workspace.databases {
        let reference = DatabaseReference(workspace: workspace.name, slug: database.slug)
        nodes.append(Node(reference: reference, action: actions[reference]))
        for dependency in database.dependsOn.sorted() {
          edges.append(
            Edge(
              dependency: DatabaseReference(workspace: workspace.name, slug: dependency),
              dependent: reference))
        }
      }
    }
    self.nodes = nodes
    self.edges = edges
  }

  public var hasEdges: Bool { !edges.isEmpty }
}
