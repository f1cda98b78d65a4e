/// The ways a drift report can be shown (`--format`).
public enum DriftFormat: String, Sendable, Hashable, CaseIterable {
  case text
  case json
  case markdown
}

extension DriftReport {
  /// The report in `format`, ending with a newline. `useColor` adds ANSI colours to text and
  /// is ignored by the other formats; `maxCharacters` bounds markdown (`--max-chars`).
  public func rendered(
    as format: DriftFormat, useColor: Bool = false, maxCharacters: Int? = nil
  ) -> String {
    switch format {
    case .text: DriftTextRenderer(useColor: useColor).render(self)
    case .json: DriftJSONRenderer.render(self)
    case .markdown: DriftMarkdownRenderer.render(self, maxCharacters: maxCharacters)
    }
  }

  /// `Drift: 1 changed, 0 missing, 0 not deleted, 2 unmanaged, 0 not ready.`
  public var summaryLine: String { "Drift: \(counts)." }

  /// `1 changed, 0 missing, 0 not deleted, 2 unmanaged, 0 not ready`
  var counts: String {
    "\(changed.count) changed, \(missing.count) missing, \(notDeleted.count) not deleted,"
      + " \(unmanaged.count) unmanaged, \(notReady.count) not ready"
  }

  /// The workspaces with any drift, in order.
  public var driftedWorkspaces: [String] {
    var names: Set<String> = []
    names.formUnion(changed.map(\.reference.workspace))
    names.formUnion(missing.map(\.workspace))
    names.formUnion(notDeleted.map(\.reference.workspace))
    names.formUnion(unmanaged.map(\.reference.workspace))
    names.formUnion(notReady.map(\.reference.workspace))
    return workspaces.filter(names.contains)
  }

  /// One sentence for the top of a report: clean, or how much drifted where.
  var verdict: String {
    let checked = "\(workspaces.count) workspace\(workspaces.count == 1 ? "" : "s")"
    guard hasDrift else {
      return "No drift: \(checked) \(workspaces.count == 1 ? "matches its" : "match their")"
        + " manifests."
    }
    let drifted = driftedWorkspaces.count
    return "Drift found in \(drifted) of \(checked)."
  }
}

extension UnmanagedDatabase {
  /// What the next apply does with it, in the words every format uses.
  var fate: String {
    pruned ? "deleted by the next apply (prune: true)" : "never touched (prune is off)"
  }
}
