/// Draws a `DependencyGraph` as Mermaid (GitHub renders it in markdown) or Graphviz DOT.
public enum DependencyGraphRenderer {
  public enum Format: String, Sendable, CaseIterable {
    case mermaid
    case dot
  }

  public static func render(_ graph: DependencyGraph, as format: Format) -> String {
    switch format {
    case .mermaid: mermaid(graph)
    case .dot: dot(graph)
    }
  }

  /// Fill colours by action; the same in both formats so a reviewer learns them once.
  private static func fill(for action: ChangeAction?) -> String {
    switch action {
    case .create: "#d3f9d8"
    case .update: "#fff3bf"
    case .replace: "#ffd8a8"
    case .delete: "#ffc9c9"
    case nil: "#f1f3f5"
    }
  }

  /// `slug (delete)`, `slug (status error)`, `slug (replace, status error)`.
  private static func label(for node: DependencyGraph.Node) -> String {
    let notes = [node.action?.rawValue, node.isErrored ? "status error" : nil].compactMap { $0 }
    guard !notes.isEmpty else { return node.reference.slug }
    return "\(node.reference.slug) (\(notes.joined(separator: ", ")))"
  }

  /// The border of a database in `error` status, whatever its fill.
  private static let errorBorder = "#c92a2a"

  public static func mermaid(_ graph: DependencyGraph) -> String {
    // Mermaid identifiers cannot hold every character a slug or workspace may, so nodes get
    // positional ids and carry their names as labels.
    var ids: [DatabaseReference: String] = [:]
    for (index, node) in graph.nodes.enumerated() { ids[node.reference] = "n\(index)" }
    var lines = ["flowchart LR"]
    let workspaces = orderedWorkspaces(graph)
    for (workspaceIndex, workspace) in workspaces.enumerated() {
      lines.append("  subgraph ws\(workspaceIndex)[\"\(mermaidText(workspace))\"]")
      for node in graph.nodes where node.reference.workspace == workspace {
        lines.append("    \(ids[node.reference]!)[\"\(mermaidText(label(for: node)))\"]")
      }
      lines.append("  end")
    }
    for edge in graph.edges {
      guard let from = ids[edge.dependency], let to = ids[edge.dependent] else { continue }
      lines.append("  \(from) --> \(to)")
    }
    for action in [ChangeAction?.none] + ChangeAction.allCases.map(Optional.some) {
      let members = graph.nodes.filter { $0.action == action }.map { ids[$0.reference]! }
      guard !members.isEmpty else { continue }
      let className = action?.rawValue ?? "unchanged"
      lines.append("  classDef \(className) fill:\(fill(for: action)),stroke:#495057")
      lines.append("  class \(members.joined(separator: ",")) \(className)")
    }
    for node in graph.nodes where node.isErrored {
      lines.append("  style \(ids[node.reference]!) stroke:\(errorBorder),stroke-width:3px")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public static func dot(_ graph: DependencyGraph) -> String {
    var lines = ["digraph dooordb {", "  rankdir=LR;", "  node [shape=box, style=filled];"]
    for (workspaceIndex, workspace) in orderedWorkspaces(graph).enumerated() {
      lines.append("  subgraph cluster_\(workspaceIndex) {")
      lines.append("    label=\(dotText(workspace));")
      for node in graph.nodes where node.reference.workspace == workspace {
        lines.append(
          "    \(dotText(node.reference.description)) [label=\(dotText(label(for: node))), "
            + "fillcolor=\"\(fill(for: node.action))\""
            + (node.isErrored ? ", color=\"\(errorBorder)\", penwidth=3" : "") + "];")
      }
      lines.append("  }")
    }
    for edge in graph.edges {
      lines.append(
        "  \(dotText(edge.dependency.description)) -> \(dotText(edge.dependent.description));")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func orderedWorkspaces(_ graph: DependencyGraph) -> [String] {
    var seen: Set<String> = []
    return graph.nodes.map(\.reference.workspace).filter { seen.insert($0).inserted }
  }

  /// Mermaid labels in double quotes take HTML entities; quotes and angle brackets must be.
  private static func mermaidText(_ text: String) -> String {
    text.replacingAll("&", with: "&amp;").replacingAll("\"", with: "&quot;")
      .replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;")
  }

  private static func dotText(_ text: String) -> String {
    "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
  }
}

extension String {
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
