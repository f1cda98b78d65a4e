/// The plan as a pull-request comment (`--format markdown`): verdict first, anything
/// destructive called out before the details, every value escaped so that no name from a
/// manifest or the API can break GitHub's rendering.
enum PlanMarkdownRenderer {
  /// `refusals` are what stops `plan` beyond the plan's own errors (`--max-destroy`).
  static func render(
    _ plan: Plan, maxCharacters: Int? = nil, refusals: [ApplyRefusal] = []
  ) -> String {
    BoundedMarkdown(sections: sections(plan, refusals: refusals))
      .rendered(maxCharacters: maxCharacters) { notice($0, limit: maxCharacters ?? 0) }
  }

  /// The kinds of section `--max-chars` cuts, in the order it cuts them.
  enum Part: String {
    case details, graph, rows, unmanaged, warnings, notReady, advisory, resources, destructive
    case refusals, mandatory, errors

    var rank: Int {
      switch self {
      case .details: 1
      case .graph: 2
      case .rows: 3
      case .unmanaged: 4
      case .warnings: 5
      case .notReady: 6
      case .advisory: 7
      case .resources: 8
      case .destructive: 9
      case .refusals: 10
      case .mandatory: 11
      case .errors: 12
      }
    }

    func section(
      head: [String] = [], items: [[String]], foot: [String] = []
    ) -> BoundedMarkdown.Section {
      .init(kind: rawValue, head: head, items: items, foot: foot, cutRank: rank)
    }
  }

  private static func sections(_ plan: Plan, refusals: [ApplyRefusal]) -> [BoundedMarkdown.Section]
  {
    var sections: [BoundedMarkdown.Section] = [
      .fixed(["### dooordb plan", "", verdict(plan, refusals: refusals), ""])
    ]
    let mandatory = plan.policy?.mandatory ?? []
    let otherRefusals = refusals.filter(\.isBeyondThePlan)
    if !plan.errors.isEmpty || !mandatory.isEmpty || !otherRefusals.isEmpty {
      sections.append(.fixed(["> [!CAUTION]"]))
      sections.append(
        Part.errors.section(
          head: ["> **This plan cannot be applied.** Fix these errors first:"],
          items: plan.errors.map { ["> - " + escaped($0.description)] }))
      // A blank quoted line, or the heading would continue the last error's list item.
      sections.append(
        Part.mandatory.section(
          head: (plan.errors.isEmpty ? [] : [">"]) + ["> **Mandatory policies forbid this plan:**"],
          items: mandatory.map { ["> - " + escaped($0.diagnostic.description)] }))
      sections.append(
        Part.refusals.section(
          head: (plan.errors.isEmpty && mandatory.isEmpty ? [] : [">"]) + ["> **Refused:**"],
          items: otherRefusals.map { ["> - " + escaped($0.description)] }))
      sections.append(.fixed([""]))
    }
    if let targeting = plan.targeting {
      sections.append(.fixed(["> [!NOTE]", "> " + targeting.line, ""]))
    }
    let destructive = plan.changes.filter(\.isDestructive)
    sections.append(
      Part.destructive.section(
        head: [
          "> [!WARNING]",
          "> **\(destructive.count) destructive change\(destructive.count == 1 ? "" : "s"):**"
            + " these databases and all their data are deleted:",
        ],
        items: destructive.map { change in
          let what = [change.reason, change.remoteSummary].compactMap { $0 }
          return [
            "> - **\(change.action.rawValue)** \(escaped(change.reference.description))"
              + (what.isEmpty ? "" : " (" + escaped(what.joined(separator: "; ")) + ")")
          ]
        },
        foot: [""]))
    sections.append(
      Part.rows.section(
        head: ["| | Database | Action | Fields |", "|---|---|---|---|"],
        items: plan.changes.map { [row(for: $0)] }, foot: [""]))
    sections.append(
      Part.details.section(
        items: plan.changes.filter { !$0.fields.isEmpty }.map { details(of: $0) }))
    let graph = DependencyGraph(plan: plan)
    if graph.hasEdges {
      // GitHub draws it: the order apply follows, each database coloured by its action.
      sections.append(
        Part.graph.section(
          items: [
            ["#### Order (dependencies first)", "", "```mermaid"]
              + [DependencyGraphRenderer.mermaid(graph).trimmingSuffixNewline(), "```", ""]
          ]))
    }
    if let resources = plan.resources, !resources.workspaces.isEmpty {
      sections.append(resourceTable(resources))
    }
    if let report = plan.policy {
      sections.append(
        .fixed([
          "#### Policies", "", escaped(PlanReviewText.policyHeadingListingAdvisoryOnly(report)), "",
        ]))
      sections.append(
        Part.advisory.section(
          items: report.advisory.map { ["- " + escaped($0.diagnostic.description)] }, foot: [""]))
    }
    sections.append(
      list(.notReady, "Not ready", plan.notReady) {
        "\(escaped($0.reference.description)) (\(escaped($0.status.rawValue))): \(escaped($0.note))"
      })
    sections.append(list(.warnings, "Warnings", plan.warnings) { escaped($0.description) })
    sections.append(
      list(.unmanaged, "Unmanaged (no manifest declares them; never touched)", plan.unmanaged) {
        escaped($0.description)
      })
    return sections
  }

  /// The last line of a shortened comment: how many changes it leaves out, what else, and
  /// where the whole plan is.
  static func notice(_ cuts: BoundedMarkdown.Cuts, limit: Int) -> String {
    let rows = Part.rows.rawValue
    var also: [String] = []
    let details = cuts.leftOut(Part.details.rawValue)
    if details > 0 { also.append("the field details of \(details) changes") }
    if cuts.leftOut(Part.graph.rawValue) > 0 { also.append("the dependency graph") }
    let counted: [(Part, String)] = [
      (.unmanaged, "unmanaged databases"), (.warnings, "warnings"),
      (.notReady, "databases not ready"), (.advisory, "advisory policy violations"),
      (.resources, "resource rows"), (.destructive, "destructive changes in the callout"),
      (.refusals, "refusals"), (.mandatory, "mandatory policy violations"), (.errors, "errors"),
    ]
    for (part, name) in counted where cuts.leftOut(part.rawValue) > 0 {
      also.append("\(cuts.leftOut(part.rawValue)) of \(cuts.total(part.rawValue)) \(name)")
    }
    let counts = "\(cuts.leftOut(rows)) of \(cuts.total(rows)) changes left out"
    let alsoText = also.isEmpty ? "" : "; also left out: " + also.joined(separator: ", ")
    return "> **\(counts)** to stay under \(limit) characters\(alsoText). The job log has the"
      + " whole plan: `dooordb plan` without `--format markdown` prints it."
  }

  private static func row(for change: PlannedChange) -> String {
    let fields = change.fields.map(\.field.rawValue).joined(separator: ", ")
    let action = change.action.rawValue + (change.isDestructive ? " **(destructive)**" : "")
    return "| \(escaped(PlanTextRenderer.symbol(of: change.action)))"
      + " | \(escaped(change.reference.description)) | \(action)"
      + " | \(fields.isEmpty ? "–" : fields) |"
  }

  private static func verdict(_ plan: Plan, refusals: [ApplyRefusal]) -> String {
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
    if refusals.contains(where: \.isBeyondThePlan) {
      return ":x: **Refused.** " + summary
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
  private static func resourceTable(_ delta: ResourceDelta) -> BoundedMarkdown.Section {
    func row(_ name: String, _ before: ResourceAmounts, _ after: ResourceAmounts) -> String {
      "| \(name) | \(ResourceText.cpuChange(before.cpuMillicores, after.cpuMillicores))"
        + " | \(ResourceText.memoryChange(before.memoryBytes, after.memoryBytes))"
        + " | \(ResourceText.storageChange(before.storageGb, after.storageGb)) |"
    }
    return Part.resources.section(
      head: [
        "#### " + escaped(PlanReviewText.resourceHeading(delta)), "",
        "| Workspace | CPU (cores) | Memory | Storage |", "|---|---|---|---|",
      ],
      items: delta.workspaces.map { [row(escaped($0.name), $0.before, $0.after)] },
      foot: [row("**total**", delta.before, delta.after), ""])
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

  private static func list<Item>(
    _ part: Part, _ title: String, _ items: [Item], line: (Item) -> String
  ) -> BoundedMarkdown.Section {
    part.section(head: ["#### \(title)", ""], items: items.map { ["- " + line($0)] }, foot: [""])
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
