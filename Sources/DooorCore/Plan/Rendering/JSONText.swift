/// A JSON value whose objects keep their keys in the order written, so documents come out
/// byte for byte the same every time, in the order the contract lists the keys.
enum JSONText: Equatable {
  case string(String)
  case integer(Int)
  /// A JSON number written as this exact decimal text (`2.5`), for values that are not whole.
  case number(String)
  case bool(Bool)
  case null
  case array([JSONText])
  case object([(String, JSONText)])

  static func == (lhs: JSONText, rhs: JSONText) -> Bool {
    lhs.rendered() == rhs.rendered()
  }

  static func optional(_ text: String?) -> JSONText {
    text.map(JSONText.string) ?? .null
  }

  /// Pretty-printed with two spaces, ending without a newline.
  func rendered() -> String {
    var output = ""
    write(to: &output, indent: "")
    return output
  }

  private func write(to output: inout String, indent: String) {
    switch self {
    case .string(let text): output += Self.escaped(text)
    case .integer(let number): output += String(number)
    case .number(let text): output += text
    case .bool(let flag): output += flag ? "true" : "false"
    case .null: output += "null"
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      output += "[\n"
      let inner = indent + "  "
      for (offset, item) in items.enumerated() {
        output += inner
        item.write(to: &output, indent: inner)
        output += offset == items.count - 1 ? "\n" : ",\n"
      }
      output += indent + "]"
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      output += "{\n"
      let inner = indent + "  "
      for (offset, (key, value)) in members.enumerated() {
        output += inner + Self.escaped(key) + ": "
        value.write(to: &output, indent: inner)
        output += offset == members.count - 1 ? "\n" : ",\n"
      }
      output += indent + "}"
    }
  }

  /// A JSON string literal; control and format characters are written as `\uXXXX`.
  static func escaped(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if DisplayText.isHidden(scalar) {
          // JSON escapes are UTF-16 code units.
          for unit in String(scalar).utf16 {
            result += "\\u" + DisplayText.hex(UInt32(unit)).lowercased()
          }
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
