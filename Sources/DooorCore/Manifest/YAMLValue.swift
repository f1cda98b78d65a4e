import Yams

/// A YAML node as the decoder sees it: its position, and for scalars the text after `${VAR}`
/// expansion with its resolved kind.
struct YAMLValue {
  enum Kind {
    case null
    case bool(Bool)
    case integer
    case string
    case sequence(Node.Sequence)
    case mapping(Node.Mapping)
    /// A scalar whose `${VAR}` could not be expanded: already reported, not checked further.
    case unexpandable
  }

  var kind: Kind
  /// The scalar's text after expansion; empty for collections.
  var text: String
  var location: SourceLocation

  /// What was found, for "expected X, found Y": strings are quoted so `"20"` shows its quotes.
  var found: String {
    if case .string = kind { return "the string \"\(text)\"" }
    return kindName
  }

  var kindName: String {
    switch kind {
    case .null: "nothing (null)"
    case .bool: "a boolean"
    case .integer: "an integer"
    case .string: "a string"
    case .sequence: "a list"
    case .mapping: "a mapping"
    case .unexpandable: "a value that could not be expanded"
    }
  }

  /// Plain scalars resolve as in YAML 1.2's core schema (no `yes`/`no` booleans);
  /// quoted and block scalars, and anything tagged `!!str`, are strings.
  static func resolve(_ node: Node, text: String, location: SourceLocation) -> YAMLValue {
    switch node {
    case .mapping(let mapping):
      return YAMLValue(kind: .mapping(mapping), text: "", location: location)
    case .sequence(let sequence):
      return YAMLValue(kind: .sequence(sequence), text: "", location: location)
    case .alias:
      return YAMLValue(kind: .null, text: "", location: location)
    case .scalar(let scalar):
      guard scalar.style == .plain || scalar.style == .any,
        scalar.tag.rawValue != Tag.Name.str.rawValue
      else {
        return YAMLValue(kind: .string, text: text, location: location)
      }
      return YAMLValue(kind: plainKind(text), text: text, location: location)
    }
  }

  private static func plainKind(_ text: String) -> Kind {
    var utf8 = text.utf8[...]
    // Null and boolean spellings are at most five bytes; anything longer skips the comparisons.
    if utf8.count <= 5 {
      switch text {
      case "", "~", "null", "Null", "NULL": return .null
      case "true", "True", "TRUE": return .bool(true)
      case "false", "False", "FALSE": return .bool(false)
      default: break
      }
    }
    if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      utf8 = utf8.dropFirst()
    }
    if !utf8.isEmpty, utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
      return .integer
    }
    return .string
  }
}
