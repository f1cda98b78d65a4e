import Testing

@testable import DooorCore

@Suite(.timeLimit(.minutes(5))) struct GraphRenderingTests {
  private let location = SourceLocation(file: "m.yaml", line: 1, column: 1)

  private var desired: DesiredState {
    DesiredState(workspaces: [
      DeclaredWorkspace(
        name: "acme",
        databases: [
          DeclaredDatabase(
            workspace: "acme", slug: "app-db", name: "App", engine: .postgresql,
            dependsOn: ["cache"], location: location),
          DeclaredDatabase(
            workspace: "acme", slug: "cache", name: "Cache", engine: .redis, location: location),
        ])
    ])
  }

  @Test func mermaidDrawsEdgesFromDependencyToDependentWithActions() {
    let plan = Plan(changes: [
      PlannedChange(reference: DatabaseReference(workspace: "acme", slug: "cache"), action: .create)
    ])
    let text = DependencyGraphRenderer.render(
      DependencyGraph(desired: desired, plan: plan), as: .mermaid)
    #expect(
      text == """
        flowchart LR
          subgraph ws0["acme"]
            n0["app-db"]
            n1["cache (create)"]
          end
          n1 --> n0
          classDef unchanged fill:#f1f3f5,stroke:#495057
          class n0 unchanged
          classDef create fill:#d3f9d8,stroke:#495057
          class n1 create

        """)
  }

  @Test func dotQuotesNamesAndClustersWorkspaces() {
    let text = DependencyGraphRenderer.render(DependencyGraph(desired: desired), as: .dot)
    #expect(text.contains("subgraph cluster_0 {\n    label=\"acme\";"))
    #expect(text.contains("\"acme/cache\" -> \"acme/app-db\";"))
    #expect(text.contains("\"acme/app-db\" [label=\"app-db\", fillcolor=\"#f1f3f5\"];"))
  }

  @Test func prunedDeletesAndErroredDatabasesAreDrawn() {
    let acme = DeclaredWorkspace(
      name: "acme", prune: true,
      databases: [
        PlanFixture.declared("app-db", dependsOn: ["cache"]),
        PlanFixture.declared("cache", engine: .redis),
        PlanFixture.declared("old", state: .absent),
      ])
    let desired = DesiredState(workspaces: [acme])
    let plan = Planner.plan(
      desired: desired,
      observed: ObservedState(workspaces: [
        "acme": [
          PlanFixture.remote("cache", engine: .redis, version: "7", status: .error),
          PlanFixture.remote("old"), PlanFixture.remote("stray"),
        ]
      ]))
    let graph = DependencyGraph(desired: desired, plan: plan)
    let mermaid = DependencyGraphRenderer.render(graph, as: .mermaid)
    #expect(mermaid.contains("[\"old (delete)\"]"), "\(mermaid)")
    #expect(mermaid.contains("[\"stray (delete)\"]"), "\(mermaid)")
    #expect(mermaid.contains("[\"cache (status error)\"]"), "\(mermaid)")
    #expect(mermaid.contains("stroke:#c92a2a,stroke-width:3px"))
    #expect(mermaid.contains("classDef delete fill:#ffc9c9"))
    let dot = DependencyGraphRenderer.render(graph, as: .dot)
    #expect(dot.contains("\"acme/stray\" [label=\"stray (delete)\", fillcolor=\"#ffc9c9\"];"))
    #expect(
      dot.contains("label=\"cache (status error)\", fillcolor=\"#f1f3f5\", color=\"#c92a2a\""))
  }
}
