/// The drift report as an issue body (`--format markdown`): a one-line verdict, then a table
/// per category, every value escaped so no name can break GitHub's rendering. Within
/// `--max-chars`, warnings go first, then policy lines, then table rows from the last table up.
enum DriftMarkdownRenderer {
  static func render(_ report: DriftReport, maxCharacters: Int? = nil) -> String {
    var sections: [BoundedMarkdown.Section] = [
      .fixed(["### dooordb drift", "", verdict(report), ""])
    ]
    sections += table(
      "changed", "Changed fields", header: ["Database", "Field", "Declared", "Actual"],
      rows: report.changed.flatMap { database in
        database.fields.map {
          [database.reference.description, $0.field.rawValue, $0.declared, $0.actual]
        }
      })
    sections += table(
      "missing", "Missing (declared, not in the workspace)", header: ["Database"],
      rows: report.missing.map { [$0.description] })
    sections += table(
      "notDeleted", "Not deleted (declared state: absent, still exists)",
      header: ["Database", "Id", "Status"],
      rows: report.notDeleted.map { [$0.reference.description, $0.id, $0.status.rawValue] })
    sections += table(
      "unmanaged", "Unmanaged (no manifest declares them)",
      header: ["Database", "Engine", "Status", "Next apply"],
      rows: report.unmanaged.map {
        [$0.reference.description, $0.engine.rawValue, $0.status.rawValue, $0.fate]
      })
    sections += table(
      "notReady", "Not ready", header: ["Database", "Id", "Status"],
      rows: report.notReady.map {
        [
          $0.reference.description, $0.id,
          $0.status.rawValue + ($0.statusMessage.map { ": " + $0 } ?? ""),
        ]
      })
    if let policy = report.policy {
      sections.append(
        .fixed([
          "#### Policies (live state)", "",
          PlanMarkdownRenderer.escaped(PlanReviewText.policyHeading(policy)), "",
        ]))
      sections.append(
        BoundedMarkdown.Section(
          kind: "policy",
          items: policy.violations.map {
            ["- " + PlanMarkdownRenderer.escaped($0.diagnostic.description)]
          }, foot: [""], cutRank: 2))
    }
    sections.append(
      BoundedMarkdown.Section(
        kind: "warnings", head: ["#### Warnings", ""],
        items: report.warnings.map { ["- " + PlanMarkdownRenderer.escaped($0.description)] },
        foot: [""], cutRank: 1))
    return BoundedMarkdown(sections: sections).rendered(maxCharacters: maxCharacters) {
      notice($0, limit: maxCharacters ?? 0)
    }
  }

  static let tableKinds = ["changed", "missing", "notDeleted", "unmanaged", "notReady"]

  /// The last line of a shortened issue body: how much it leaves out and where the rest is.
  static func notice(_ cuts: BoundedMarkdown.Cuts, limit: Int) -> String {
    let leftOut = tableKinds.reduce(0) { $0 + cuts.leftOut($1) }
    let total = tableKinds.reduce(0) { $0 + cuts.total($1) }
    var also: [String] = []
    if cuts.leftOut("warnings") > 0 {
      also.append("\(cuts.leftOut("warnings")) of \(cuts.total("warnings")) warnings")
    }
    if cuts.leftOut("policy") > 0 {
      also.append("\(cuts.leftOut("policy")) of \(cuts.total("policy")) policy violations")
    }
    return "> **\(leftOut) of \(total) drift entries left out** to stay under \(limit) characters"
      + (also.isEmpty ? "" : "; also left out: " + also.joined(separator: ", "))
      + ". The job log has the whole report: `dooordb drift` without `--format markdown` prints it."
  }

  private static func verdict(_ report: DriftReport) -> String {
    let icon = report.hasDrift ? ":warning:" : ":white_check_mark:"
    return "\(icon) **\(report.verdict)** \(report.counts)."
  }

  private static func table(
    _ kind: String, _ title: String, header: [String], rows: [[String]]
  ) -> [BoundedMarkdown.Section] {
    // Later tables are cut first: changed fields matter most.
    let rank = 10 - (tableKinds.firstIndex(of: kind) ?? 0)
    return [
      BoundedMarkdown.Section(
        kind: kind,
        head: [
          "#### \(title)", "", "| " + header.joined(separator: " | ") + " |",
          "|" + String(repeating: "---|", count: header.count),
        ],
        items: rows.map { row in
          [
            "| "
              + row.map { $0.isEmpty ? "–" : PlanMarkdownRenderer.escaped($0) }
              .joined(separator: " | ") + " |"
          ]
        }, foot: [""], cutRank: rank)
    ]
  }
}
