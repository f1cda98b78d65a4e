/// The drift report as an issue body (`--format markdown`): a one-line verdict, then a table
/// per category, every value escaped so no name can break GitHub's rendering.
enum DriftMarkdownRenderer {
  static func render(_ report: DriftReport) -> String {
    var lines = ["### dooordb drift", "", verdict(report), ""]
    lines += table(
      "Changed fields", header: ["Database", "Field", "Declared", "Actual"],
      rows: report.changed.flatMap { database in
        database.fields.map {
          [database.reference.description, $0.field.rawValue, $0.declared, $0.actual]
        }
      })
    lines += table(
      "Missing (declared, not in the workspace)", header: ["Database"],
      rows: report.missing.map { [$0.description] })
    lines += table(
      "Not deleted (declared state: absent, still exists)", header: ["Database", "Id", "Status"],
      rows: report.notDeleted.map { [$0.reference.description, $0.id, $0.status.rawValue] })
    lines += table(
      "Unmanaged (no manifest declares them)",
      header: ["Database", "Engine", "Status", "Next apply"],
      rows: report.unmanaged.map {
        [$0.reference.description, $0.engine.rawValue, $0.status.rawValue, $0.fate]
      })
    lines += table(
      "Not ready", header: ["Database", "Id", "Status"],
      rows: report.notReady.map { [$0.reference.description, $0.id, $0.status.rawValue] })
    if let policy = report.policy {
      lines += ["#### Policies (live state)", ""]
      lines.append(PlanMarkdownRenderer.escaped(PlanReviewText.policyHeading(policy)))
      lines.append("")
      lines += policy.violations.map {
        "- " + PlanMarkdownRenderer.escaped($0.diagnostic.description)
      }
      if !policy.violations.isEmpty { lines.append("") }
    }
    if !report.warnings.isEmpty {
      lines += ["#### Warnings", ""]
      lines += report.warnings.map { "- " + PlanMarkdownRenderer.escaped($0.description) }
      lines.append("")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func verdict(_ report: DriftReport) -> String {
    let icon = report.hasDrift ? ":warning:" : ":white_check_mark:"
    return "\(icon) **\(report.verdict)** \(report.counts)."
  }

  private static func table(_ title: String, header: [String], rows: [[String]]) -> [String] {
    guard !rows.isEmpty else { return [] }
    var lines = ["#### \(title)", ""]
    lines.append("| " + header.joined(separator: " | ") + " |")
    lines.append("|" + String(repeating: "---|", count: header.count))
    lines += rows.map { row in
      "| "
        + row.map { $0.isEmpty ? "–" : PlanMarkdownRenderer.escaped($0) }
        .joined(separator: " | ") + " |"
    }
    lines.append("")
    return lines
  }
}
