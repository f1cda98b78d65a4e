/// The plan as a pull-request comment (`--format markdown`): verdict first, anything
/// destructive called out before the details, every value escaped so that no name from a
/// manifest or the API can break GitHub's rendering.
enum PlanMarkdownRenderer {
  static func render(_ plan: Plan) -> String {
    var lines = ["### dooordb plan", "", verdict(plan), ""]
    if !plan.errors.isEmpty {
      lines.append("> [!CAUTION]")
      lines.append("> **This plan cannot be applied.** Fix these errors first:")
      lines += plan.errors.map { "> - " + escaped($0.description) }
      lines.append("")
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
    if plan.hasDestructiveChanges {
      return ":warning: **Destroys data.** " + summary
    }
    if plan.hasChanges {
      return ":white_check_mark: **Safe changes only.** " + summary
    }
    return ":white_check_mark: **No changes.** " + summary
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
