/// Makes text from manifests or the API safe to print: control and format characters
/// (escape sequences, bidi overrides, zero-width marks) become visible escapes, so a value
/// can neither restyle a terminal nor hide what a plan says.
public enum DisplayText {
  /// `text` with every invisible or controlling character written as `\u{XXXX}`.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        result += "\\u{" + hex(scalar.value) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `text` in double quotes, with quotes and backslashes escaped and hidden characters shown.
  static func quoted(_ text: String) -> String {
    if isPrintableASCII(text), !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C }) {
      return "\"" + text + "\""
    }
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if isHidden(scalar) {
          result += "\\u{" + hex(scalar.value) + "}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// A field value as plans show it: numbers bare, text quoted, a missing value as `(none)`.
  static func value(_ text: String?, of field: DatabaseField) -> String {
    guard let text else { return "(none)" }
    return field == .storageGb && Int(text) != nil ? text : quoted(text)
  }

  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
    return switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
  }

  /// Most names and values: nothing to escape, so no need to look up Unicode properties.
  private static func isPrintableASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
