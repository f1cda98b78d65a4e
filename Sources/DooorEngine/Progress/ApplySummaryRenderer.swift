import DooorCore

/// The text printed when an apply ends: the overall result with wall time, then one line per
/// database (done, failed, skipped, ...) with its duration or the reason, then what the API may
/// still be working on. With `useColor` (a terminal), done is green and failed red.
public enum ApplySummaryRenderer {
  public static func text(_ report: ApplyReport, useColor: Bool = false) -> String {
    guard !report.entries.isEmpty else {
      return "Apply complete in \(ElapsedText.format(report.wallTime)): nothing to do.\n"
    }
    let headline: String
    if report.interrupted {
      headline = "Apply interrupted after"
    } else if report.stopReason != nil {
      headline = "Apply stopped after"
    } else if report.succeeded {
      headline = "Apply complete in"
    } else {
      headline = "Apply failed after"
    }
    var lines = ["\(headline) \(ElapsedText.format(report.wallTime)): \(totals(report))."]
    let outcomeWidth = report.entries.map { label($0.outcome).count }.max() ?? 0
    let nameWidth = report.entries.map { "\($0.reference)".count }.max() ?? 0
    for entry in report.entries {
      let detail: String
      if entry.outcome == .done {
        detail = entry.duration.map { ElapsedText.format($0) } ?? ""
      } else {
        detail = entry.reason ?? ""
      }
      let outcome = label(entry.outcome).padding(toLength: outcomeWidth)
      let columns = [
        useColor ? colored(outcome, entry.outcome) : outcome,
        entry.action.rawValue.padding(toLength: 7),
        "\(entry.reference)".padding(toLength: nameWidth),
        detail,
      ]
      lines.append(("  " + columns.joined(separator: "  ")).trimmingTrailingSpaces())
    }
    if let reason = report.stopReason { lines.append("Stopped: \(reason).") }
    let inProgress = report.stillInProgress
    if !inProgress.isEmpty {
      let names = inProgress.map { entry in
        "\(entry.reference)" + (entry.lastStatus.map { " (\($0))" } ?? "")
      }
      lines.append(
        "Still in progress on the API: \(names.joined(separator: ", ")). "
          + "Run apply again to wait for them.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `2 done, 1 failed, 2 skipped`: every outcome that occurred, in a fixed order.
  static func totals(_ report: ApplyReport) -> String {
    ApplyOutcome.allCases.compactMap { outcome in
      let count = report.count(of: outcome)
      return count == 0 ? nil : "\(count) \(label(outcome))"
    }.joined(separator: ", ")
  }

  /// The escapes go around the padded label, so the columns still line up.
  private static func colored(_ text: String, _ outcome: ApplyOutcome) -> String {
    switch outcome {
    case .done: TerminalStyle.green.paint(text, useColor: true)
    case .failed: TerminalStyle.red.paint(text, useColor: true)
    default: text
    }
  }

  static func label(_ outcome: ApplyOutcome) -> String {
    switch outcome {
    case .done: "done"
    case .failed: "failed"
    case .skipped: "skipped"
    case .notStarted: "not started"
    case .interrupted: "interrupted"
    }
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
