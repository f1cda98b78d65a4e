/// The review parts of the text plan (CONTRACT §8, §9), shared with the markdown view's
/// wording: the resource delta, policy violations, and the targeting line.
enum PlanReviewText {
  /// `Resources (API defaults counted for N databases with omitted fields):` and one line per
  /// workspace and the total.
  static func resourceLines(_ delta: ResourceDelta) -> [String] {
    guard !delta.workspaces.isEmpty else { return [] }
    var lines = [resourceHeading(delta) + ":"]
    lines += delta.workspaces.map {
      "  \(DisplayText.visible($0.name)): "
        + ResourceText.line(before: $0.before, after: $0.after)
    }
    lines.append("  total: " + ResourceText.line(before: delta.before, after: delta.after))
    return lines
  }

  static func resourceHeading(_ delta: ResourceDelta) -> String {
    let count = delta.defaultsCounted
    guard count > 0 else { return "Resources before → after the plan" }
    return "Resources before → after the plan (the API's defaults counted for"
      + " \(count) database\(count == 1 ? "" : "s") with cpu, memory or storage not declared"
      + " or not reported: cpu \(APIDefaults.cpu.text), memory \(APIDefaults.memory.text),"
      + " storage \(APIDefaults.storageGb) GB)"
  }

  /// `Policies: N databases checked, M violations (K mandatory, L advisory):`, before the
  /// list of every violation.
  static func policyHeading(_ report: PolicyReport) -> String {
    report.violations.isEmpty ? policyCounts(report) + "." : policyCounts(report) + ":"
  }

  /// The heading of the markdown view, which lists only the advisory violations: the
  /// mandatory ones are in its first callout.
  static func policyHeadingListingAdvisoryOnly(_ report: PolicyReport) -> String {
    guard !report.mandatory.isEmpty else { return policyHeading(report) }
    let elsewhere =
      report.mandatory.count == 1
      ? "the mandatory one is in the callout above" : "the mandatory ones are in the callout above"
    return policyCounts(report) + "; " + elsewhere
      + (report.advisory.isEmpty ? "." : ", the advisory ones here:")
  }

  private static func policyCounts(_ report: PolicyReport) -> String {
    let checked = "\(report.checked) database\(report.checked == 1 ? "" : "s") checked"
    guard !report.violations.isEmpty else { return "Policies: \(checked), no violations" }
    let count = report.violations.count
    return "Policies: \(checked), \(count) violation\(count == 1 ? "" : "s")"
      + " (\(report.mandatory.count) mandatory, \(report.advisory.count) advisory)"
  }
}
