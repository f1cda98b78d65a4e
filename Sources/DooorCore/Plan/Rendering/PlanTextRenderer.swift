/// The default, Terraform-like view of a plan for people at a terminal (CONTRACT §5).
struct PlanTextRenderer {
  var useColor: Bool

  func render(_ plan: Plan) -> String {
    // Changes go straight into one string: a plan of thousands has tens of thousands of lines.
    var output = ""
    for change in plan.changes {
      appendBlock(for: change, to: &output)
      output += "\n"
    }
    var lines: [String] = []
    if !plan.unmanaged.isEmpty {
      lines.append(paint("Unmanaged (no manifest declares them; never touched):", .bold))
      lines += plan.unmanaged.map { "  " + DisplayText.visible($0.description) }
      lines.append("")
    }
    if !plan.notReady.isEmpty {
      lines.append(paint("Not ready:", .bold))
      lines += plan.notReady.map {
        "  \(DisplayText.visible($0.reference.description))"
          + " (\(DisplayText.visible($0.status.rawValue))): \($0.note)"
      }
      lines.append("")
    }
    if !plan.warnings.isEmpty {
      lines.append(paint("Warnings:", .bold))
      lines += plan.warnings.map { paint(DisplayText.visible($0.description), .yellow) }
      lines.append("")
    }
    if !plan.errors.isEmpty {
      lines.append(paint("Errors (this plan cannot be applied):", .bold))
      lines += plan.errors.map { paint(DisplayText.visible($0.description), .red) }
      lines.append("")
    }
    if let resources = plan.resources, !resources.workspaces.isEmpty {
      lines += PlanReviewText.resourceLines(resources)
      lines.append("")
    }
    if let report = plan.policy {
      lines.append(paint(PlanReviewText.policyHeading(report), .bold))
      lines += report.violations.map {
        paint(
          "  " + DisplayText.visible($0.diagnostic.description), $0.isMandatory ? .red : .yellow)
      }
      lines.append("")
    }
    if !plan.hasChanges && !plan.hasErrors {
      lines.append("No changes: the databases match the manifests.")
    }
    if let targeting = plan.targeting {
      lines.append(paint(targeting.line, .bold))
    }
    lines.append(paint(plan.summaryLine, .bold))
    for line in lines {
      output += line
      output += "\n"
    }
    return output
  }

  private func appendBlock(for change: PlannedChange, to output: inout String) {
    let color = Self.color(of: change.action)
    var header =
      paint(Self.symbol(of: change.action) + " " + change.action.rawValue, color) + " "
      + paint(DisplayText.visible(change.reference.description), .bold)
    if let destructive = change.destructiveNote {
      header += "  " + paint("# " + destructive, .boldRed)
    }
    if let reason = change.reason {
      header += "  # " + DisplayText.visible(reason)
    }
    output += header
    output += "\n"
    for field in change.fields {
      output += "    \(field.field.rawValue): \(DisplayText.value(field.before, of: field.field))"
      output += " -> \(DisplayText.value(field.after, of: field.field))"
      if change.action == .replace, field.field.forcesReplacement {
        output += "  " + paint("# forces replacement", .red)
      }
      output += "\n"
    }
    if change.action == .delete, let destroyed = change.remoteSummary {
      output += "    destroys: " + DisplayText.visible(destroyed) + "\n"
    }
  }

  static func symbol(of action: ChangeAction) -> String {
    switch action {
    case .create: "+"
    case .update: "~"
    case .replace: "-/+"
    case .delete: "-"
    }
  }

  private static func color(of action: ChangeAction) -> TerminalStyle {
    switch action {
    case .create: .green
    case .update: .yellow
    case .replace, .delete: .red
    }
  }

  private func paint(_ text: String, _ style: TerminalStyle) -> String {
    style.paint(text, useColor: useColor)
  }
}
