/// The default view of a drift report for people at a terminal.
struct DriftTextRenderer {
  var useColor: Bool

  func render(_ report: DriftReport) -> String {
    var lines: [String] = []
    lines += section("Changed (fields differ from the manifests):", report.changed) { database in
      ["  ~ " + paint(DisplayText.visible(database.reference.description), .bold)]
        + database.fields.map { field in
          "      \(field.field.rawValue): declared"
            + " \(DisplayText.value(field.declared, of: field.field)),"
            + " actual \(DisplayText.value(field.actual, of: field.field))"
        }
    }
    lines += section("Missing (declared, not in the workspace):", report.missing) {
      ["  + " + DisplayText.visible($0.description)]
    }
    lines += section("Not deleted (declared state: absent, still exists):", report.notDeleted) {
      ["  - \(DisplayText.visible($0.reference.description)) (\(status($0.status)))"]
    }
    lines += section("Unmanaged (no manifest declares them):", report.unmanaged) { database in
      [
        "  ? \(DisplayText.visible(database.reference.description))"
          + " (\(DisplayText.visible(database.engine.rawValue)), \(status(database.status)))"
          + "  # \(database.fate)"
      ]
    }
    lines += section("Not ready:", report.notReady) { database in
      [
        "  ! \(DisplayText.visible(database.reference.description)) (\(status(database.status)))"
          + (database.statusMessage.map { ": " + DisplayText.visible($0) } ?? "")
      ]
    }
    if !report.warnings.isEmpty {
      lines.append(paint("Warnings:", .bold))
      lines += report.warnings.map { paint(DisplayText.visible($0.description), .yellow) }
      lines.append("")
    }
    if let policy = report.policy {
      lines.append(paint(PlanReviewText.policyHeading(policy), .bold))
      lines += policy.violations.map {
        paint(
          "  " + DisplayText.visible($0.diagnostic.description), $0.isMandatory ? .red : .yellow)
      }
      lines.append("")
    }
    lines.append(report.verdict)
    lines.append(paint(report.summaryLine, report.hasDrift ? .boldYellow : .bold))
    return lines.joined(separator: "\n") + "\n"
  }

  private func section<Item>(
    _ title: String, _ items: [Item], lines: (Item) -> [String]
  ) -> [String] {
    guard !items.isEmpty else { return [] }
    return [paint(title, .bold)] + items.flatMap(lines) + [""]
  }

  private func status(_ status: DatabaseStatus) -> String {
    let text = DisplayText.visible(status.rawValue)
    return status == .error ? paint(text, .red) : text
  }

  private func paint(_ text: String, _ style: TerminalStyle) -> String {
    style.paint(text, useColor: useColor)
  }
}
