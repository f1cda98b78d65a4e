import Yams

/// Writes a string as a YAML scalar that reads back as exactly that string.
///
/// Plain style only when the text is unmistakably a string: a conservative character set and
/// a YAML resolver that sees a string. Anything a YAML reader could take for a boolean,
/// null, number or date (`yes`, `null`, `1.0`, `2024-01-01`), or that holds `:` `#` `"` and
/// the like, is double-quoted with JSON escapes, which YAML's double-quoted style accepts.
enum YAMLScalarText {
  static func render(_ value: String) -> String {
    isSafePlain(value) ? value : doubleQuoted(value)
  }

  static func doubleQuoted(_ value: String) -> String {
    var text = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        text += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
      case _ where DisplayText.isHidden(scalar):
        // A bidi override or zero-width mark would hide what the manifest says when it is
        // read; YAML's \u and \U escapes give the same string back.
        text +=
          scalar.value <= 0xFFFF
          ? "\\u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
          : "\\U" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 8)
      default: text.unicodeScalars.append(scalar)
      }
    }
    return text + "\""
  }

  /// Words some YAML reader (1.1 or 1.2) turns into something other than a string.
  private static let reservedWords: Set<String> = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf",
  ]

  private static func isSafePlain(_ value: String) -> Bool {
    guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
      first.properties.isAlphabetic || ("0"..."9").contains(first),
      last != " ", !reservedWords.contains(value.lowercased())
    else { return false }
    let allowed = value.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || " -_./".unicodeScalars.contains(scalar))
    }
    guard allowed, !value.contains("  ") else { return false }
    return Resolver.default.resolveTag(of: Node(value)) == .str
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
