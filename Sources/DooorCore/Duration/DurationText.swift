/// Durations as users write them on the command line: `500ms`, `2s`, `5m`, `1h`, or a
/// combination such as `1m30s`. Pure parsing and formatting, shared by every command.
public enum DurationText {
  private static let units: [(suffix: String, milliseconds: Int64)] = [
    ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
  ]

  /// Parses `text`; a bare number is refused because its unit would be a guess.
  public static func parse(_ text: String) throws(DurationTextError) -> Duration {
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty else { throw DurationTextError(text: text) }
    var total: Int64 = 0
    var rest = Substring(trimmed)
    while !rest.isEmpty {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, let amount = Int64(digits) else { throw DurationTextError(text: text) }
      rest = rest.dropFirst(digits.count)
      let unitText = rest.prefix { $0.isASCII && $0.isLetter }
      // "ms" must win over "m": match the whole run of letters, not a prefix of it.
      guard let unit = units.first(where: { $0.suffix == unitText }) else {
        throw DurationTextError(text: text)
      }
      rest = rest.dropFirst(unitText.count)
      let (product, overflowProduct) = amount.multipliedReportingOverflow(by: unit.milliseconds)
      let (sum, overflowSum) = total.addingReportingOverflow(product)
      guard !overflowProduct, !overflowSum else { throw DurationTextError(text: text) }
      total = sum
    }
    return .milliseconds(total)
  }

  /// The shortest text that `parse` reads back as `duration` (whole milliseconds).
  public static func format(_ duration: Duration) -> String {
    let milliseconds =
      duration.components.seconds * 1000
      + duration.components.attoseconds / 1_000_000_000_000_000
    if milliseconds == 0 { return "0s" }
    var rest = milliseconds
    var text = ""
    for unit in units.reversed() where rest >= unit.milliseconds {
      let amount = rest / unit.milliseconds
      rest %= unit.milliseconds
      text += "\(amount)\(unit.suffix)"
    }
    return text
  }
}

/// Why a text is not a duration.
public struct DurationTextError: Error, Sendable, Hashable, CustomStringConvertible {
  public let text: String

  public var description: String {
    let trimmed = text.trimmingWhitespace()
    if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
      // A bare number is the likeliest slip; its unit would be a guess, so ask for one.
      return "\"\(text)\" has no unit; a duration needs one, e.g. \(trimmed)s (units: ms, s, m, h)"
    }
    return "\"\(text)\" is not a duration; write it like 500ms, 2s, 5m or 1h"
  }
}

extension String {
  fileprivate func trimmingWhitespace() -> String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
