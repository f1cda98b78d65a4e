/// Keeps a list of problems to a readable length: the first `limit` by position, then one
/// line saying how many more there were (`... and 999,900 more in FILE`).
enum DiagnosticLimit {
  /// `diagnostics` (of `found` problems in all; more than kept when the finder stopped keeping
  /// them) cut to `limit`, plus the line that counts the rest, placed right after the last kept.
  static func capped(
    _ diagnostics: [Diagnostic], found: Int, limit: Int, where place: String
  ) -> [Diagnostic] {
    guard found > limit || diagnostics.count > limit else { return diagnostics }
    let kept = Array(diagnostics.sorted().prefix(limit))
    let more = max(found, diagnostics.count) - kept.count
    let after = kept.last?.location.map {
      SourceLocation(file: $0.file, line: $0.line, column: $0.column + 1)
    }
    return kept + [.error(at: after, "... and \(grouped(more)) more \(place)")]
  }

  /// `999900` → `999,900`.
  static func grouped(_ number: Int) -> String {
    let digits = Array(String(number))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }
}
