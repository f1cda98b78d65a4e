/// The plan as a pull-request comment (`--format markdown`): verdict first, anything
/// destructive called out before the details, every value escaped so that no name from a
/// manifest or the API can break GitHub's rendering.
enum PlanMarkdownRenderer {
  static func render(_ plan: Plan) -> String {
    var lines = ["### dooordb plan", "", verdict(plan), ""]
    let mandatory = plan.policy?.mandatory ?? []
    if !plan.errors.isEmpty || !mandatory.isEmpty {
      lines.append("> [!CAUTION]")
      if !plan.errors.isEmpty {
        lines.append("> **This plan cannot be applied.** Fix these errors first:")
        lines += plan.errors.map { "> - " + escaped($0.description) }
      }
      if !mandatory.isEmpty {
        // A blank quoted line, or the heading would continue the last error's list item.
        if !plan.errors.isEmpty { lines.append(">") }
        lines.append("> **Mandatory policies forbid this plan:**")
        lines += mandatory.map { "> - " + escaped($0.diagnostic.description) }
      }
      lines.append("")
    }
    if let targeting = plan.targeting {
      lines += ["> [!NOTE]", "> " + targeting.line, ""]
    }
    let destructive = plan.changes.filter(\.isDestructive)
    if !destructive.isEmpty {
      lines.append("> [!WARNING]")
      lines.append(
        "> **\(destructive.count) destructive change\(destructive.count == 1 ? "" : "s"):**"
          + " these databases and all their data are deleted:")
      lines += destructive.map { change in
        "> - **\(change.action.rawValue)** \(escaped(change.reference.description))"
          + (change.reason.map { " (" + escaped($0) + ")" } ?? "")
      }
      lines.append("")
    }
    if plan.hasChanges {
      lines.append("| | Database | Action | Fields |")
      lines.append("|---|---|---|---|")
      lines += plan.changes.map { change in
        let fields = change.fields.map(\.field.rawValue).joined(separator: ", ")
        let action = change.action.rawValue + (change.isDestructive ? " **(destructive)**" : "")
        return "| \(escaped(PlanTextRenderer.symbol(of: change.action)))"
          + " | \(escaped(change.reference.description)) | \(action)"
          + " | \(fields.isEmpty ? "–" : fields) |"
      }
      lines.append("")
      for change in plan.changes where !change.fields.isEmpty {
        lines += details(of: change)
      }
    }
    let graph = DependencyGraph(plan: plan)
    if graph.hasEdges {
      // GitHub draws it: the order apply follows, each database coloured by its action.
      lines += ["#### Order (dependencies first)", "", "```mermaid"]
      lines.append(DependencyGraphRenderer.mermaid(graph).trimmingSuffixNewline())
      lines += ["```", ""]
    }
    if let resources = plan.resources, !resources.workspaces.isEmpty {
      lines += resourceTable(resources)
    }
    if let report = plan.policy {
      lines += ["#### Policies", "", escaped(PlanReviewText.policyHeading(report)), ""]
      lines += report.advisory.map { "- " + escaped($0.diagnostic.description) }
      if !report.advisory.isEmpty { lines.append("") }
    }
    lines += section("Not ready", plan.notReady) {
      "\(escaped($0.reference.description)) (\(escaped($0.status.rawValue))): \(escaped($0.note))"
    }
    lines += section("Warnings", plan.warnings) { escaped($0.description) }
    lines += section("Unmanaged (no manifest declares them; never touched)", plan.unmanaged) {
      escaped($0.description)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func verdict(_ plan: Plan) -> String {
    let summary = plan.summaryLine + " \(plan.unchangedCount) unchanged."
    if plan.hasErrors {
      let count = plan.errors.count
      return ":x: **Cannot be applied: \(count) error\(count == 1 ? "" : "s").** " + summary
    }
    if let report = plan.policy, report.hasMandatoryViolations {
      let count = report.mandatory.count
      return ":x: **Blocked by policy: \(count) mandatory violation\(count == 1 ? "" : "s").** "
        + summary
    }
    if plan.hasDestructiveChanges {
      return ":warning: **Destroys data.** " + summary
    }
    if plan.hasChanges {
      return ":white_check_mark: **Safe changes only.** " + summary
    }
    return ":white_check_mark: **No changes.** " + summary
  }

  /// One row per workspace and the total; each cell `before → after (difference)`.
  private static func resourceTable(_ delta: ResourceDelta) -> [String] {
    var lines = [
      "#### " + escaped(PlanReviewText.resourceHeading(delta)), "",
      "| Workspace | CPU (cores) | Memory | Storage |", "|---|---|---|---|",
    ]
    func row(_ name: String, _ before: ResourceAmounts, _ after: ResourceAmounts) -> String {
      "| \(name) | \(ResourceText.cpuChange(before.cpuMillicores, after.cpuMillicores))"
        + " | \(ResourceText.memoryChange(before.memoryBytes, after.memoryBytes))"
        + " | \(ResourceText.storageChange(before.storageGb, after.storageGb)) |"
    }
    lines += delta.workspaces.map { row(escaped($0.name), $0.before, $0.after) }
    lines.append(row("**total**", delta.before, delta.after))
    lines.append("")
    return lines
  }

  private static func details(of change: PlannedChange) -> [String] {
    var lines = [
      "<details><summary>\(escaped(PlanTextRenderer.symbol(of: change.action)))"
        + " \(change.action.rawValue) \(escaped(change.reference.description))</summary>",
      "",
      "| Field | Before | After |",
      "|---|---|---|",
    ]
    lines += change.fields.map { field in
      let marker =
        change.action == .replace && field.field.forcesReplacement
        ? " (forces replacement)" : ""
      return "| \(field.field.rawValue)\(marker) | \(cell(field.before)) | \(cell(field.after)) |"
    }
    lines += ["", "</details>", ""]
    return lines
  }

  private static func section<Item>(
    _ title: String, _ items: [Item], line: (Item) -> String
  ) -> [String] {
    guard !items.isEmpty else { return [] }
    return ["#### \(title)", ""] + items.map { "- " + line($0) } + [""]
  }

  private static func cell(_ value: String?) -> String {
    value.map(escaped) ?? "–"
  }

  /// Text that renders as itself in a table cell, a list item and inside `<summary>` alike:
  /// characters with a meaning in Markdown or HTML become character references, which GitHub
  /// decodes after it has split the table, and line breaks become visible escapes.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in DisplayText.visible(text) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "|": result += "&#124;"
      case "`": result += "&#96;"
      case "*": result += "&#42;"
      case "_": result += "&#95;"
      case "[": result += "&#91;"
      case "]": result += "&#93;"
      case "\\": result += "&#92;"
      case "~": result += "&#126;"
      case "#": result += "&#35;"
      case "!": result += "&#33;"
      default: result.append(character)
      }
    }
    return result
  }
}

extension String {
  fileprivate func trimmingSuffixNewline() -> String {
    hasSuffix("\n") ? String(dropLast()) : self
  }
}
