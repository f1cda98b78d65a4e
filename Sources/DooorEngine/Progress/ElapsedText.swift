/// Durations as people read them in progress lines and summaries: `850ms`, `2.1s`, `42s`,
/// `1m 03s`, `1h 02m`.
public enum ElapsedText {
  public static func format(_ duration: Duration) -> String {
    let milliseconds = max(0, milliseconds(duration))
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    if milliseconds < 10_000 {
      let tenths = (milliseconds + 50) / 100
      return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
    }
    let seconds = (milliseconds + 500) / 1000
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m \(twoDigits(seconds % 60))s" }
    return "\(seconds / 3600)h \(twoDigits(seconds % 3600 / 60))m"
  }

  /// Whole milliseconds, rounded down.
  public static func milliseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }

  /// Seconds with millisecond precision, for JSON.
  public static func seconds(_ duration: Duration) -> Double {
    Double(milliseconds(duration)) / 1000
  }

  private static func twoDigits(_ value: Int64) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
