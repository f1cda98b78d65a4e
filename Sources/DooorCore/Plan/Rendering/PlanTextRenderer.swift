/// The default, Terraform-like view of a plan for people at a terminal (CONTRACT §5).
struct PlanTextRenderer {
  var useColor: Bool

  func render(_ plan: Plan) -> String {
    var lines: [String] = []
    for change in plan.changes {
      lines += block(for: change)
      lines.append("")
    }
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
    if !plan.hasChanges && !plan.hasErrors {
      lines.append("No changes: the databases match the manifests.")
    }
    lines.append(paint(plan.summaryLine, .bold))
    return lines.joined(separator: "\n") + "\n"
  }

  private func block(for change: PlannedChange) -> [String] {
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
    var lines = [header]
    for field in change.fields {
      var line =
        "    \(field.field.rawValue): \(DisplayText.value(field.before, of: field.field))"
        + " -> \(DisplayText.value(field.after, of: field.field))"
      if change.action == .replace, field.field.forcesReplacement {
        line += "  " + paint("# forces replacement", .red)
      }
      lines.append(line)
    }
    if change.action == .delete, let destroyed = change.remoteSummary {
      lines.append("    destroys: " + DisplayText.visible(destroyed))
    }
    return lines
  }

  static func symbol(of action: ChangeAction) -> String {
    switch action {
    case .create: "+"
    case .update: "~"
    case .replace: "-/+"
    case .delete: "-"
    }
  }

  private static func color(of action: ChangeAction) -> Style {
    switch action {
    case .create: .green
    case .update: .yellow
    case .replace, .delete: .red
    }
  }

  enum Style: String {
    case bold = "1"
    case red = "31"
    case boldRed = "1;31"
    case green = "32"
    case yellow = "33"
  }

  private func paint(_ text: String, _ style: Style) -> String {
    useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}
