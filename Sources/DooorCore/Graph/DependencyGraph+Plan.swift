extension DependencyGraph {
  /// The part of the graph a plan's order depends on, from the plan alone (a saved plan
  /// included): every change that waits for other databases, with those databases and the
  /// edges between them. Nodes come by workspace, then slug.
  public init(plan: Plan) {
    var actions: [DatabaseReference: ChangeAction] = [:]
    for change in plan.changes { actions[change.reference] = change.action }
    var references: Set<DatabaseReference> = []
    var edges: [Edge] = []
    for change in plan.changes where !change.dependsOn.isEmpty {
      references.insert(change.reference)
      for dependency in change.dependsOn.sorted() {
        let from = DatabaseReference(workspace: change.reference.workspace, slug: dependency)
        references.insert(from)
        edges.append(Edge(dependency: from, dependent: change.reference))
      }
    }
    let errored = Set(plan.notReady.filter { $0.status == .error }.map(\.reference))
    self.nodes = references.sorted().map {
      Node(reference: $0, action: actions[$0], isErrored: errored.contains($0))
    }
    self.edges = edges.sorted { ($0.dependent, $0.dependency) < ($1.dependent, $1.dependency) }
  }
}
