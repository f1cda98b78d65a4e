/// The ANSI styles dooordb colours with (plan, drift, apply's progress and summary), applied
/// one way.
public enum TerminalStyle: String, Sendable {
  case bold = "1"
  case red = "31"
  case boldRed = "1;31"
  case green = "32"
  case yellow = "33"
  case boldYellow = "1;33"

  /// `text` in this style when colour is on, else unchanged.
  public func paint(_ text: String, useColor: Bool) -> String {
    useColor ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }
}
