/// Expands `${VAR}` and `${VAR:-default}` in a manifest scalar from the environment;
/// `$${` writes a literal `${`. As in a shell, `:-` also applies when VAR is set but empty.
enum Interpolation {
  enum Failure: Error, Equatable {
    case unset(String)
    case unterminated
    case invalidName(String)

    var message: String {
      switch self {
      case .unset(let name):
        return
          "environment variable \(name) is not set and has no default (write ${\(name):-default} to give one)"
      case .unterminated: return "unterminated \"${\" in value (write \"$${\" for a literal \"${\")"
      case .invalidName(let name):
        return
          "\"\(name)\" is not a valid variable name in ${...} (letters, digits and '_', not starting with a digit)"
      }
    }
  }

  static func expand(_ text: String, environment: [String: String]) -> Result<String, Failure> {
    // Most scalars have no `$`: hand them back untouched without walking them.
    guard text.utf8.contains(UInt8(ascii: "$")) else { return .success(text) }
    var output = ""
    var rest = Substring(text)
    while let dollar = rest.firstIndex(of: "$") {
      output += rest[..<dollar]
      let afterDollar = rest[rest.index(after: dollar)...]
      if afterDollar.hasPrefix("${") {
        output += "${"
        rest = afterDollar.dropFirst(2)
      } else if afterDollar.hasPrefix("{") {
        let body = afterDollar.dropFirst()
        guard let close = body.firstIndex(of: "}") else { return .failure(.unterminated) }
        let expression = body[..<close]
        let name: Substring
        let fallback: Substring?
        if let colon = expression.firstIndex(of: ":"),
          expression[expression.index(after: colon)...].first == "-"
        {
          name = expression[..<colon]
          fallback = expression[expression.index(colon, offsetBy: 2)...]
        } else {
          name = expression
          fallback = nil
        }
        guard isVariableName(name) else { return .failure(.invalidName(String(name))) }
        if let value = environment[String(name)], !(fallback != nil && value.isEmpty) {
          output += value
        } else if let fallback {
          output += fallback
        } else {
          return .failure(.unset(String(name)))
        }
        rest = body[body.index(after: close)...]
      } else {
        output += "$"
        rest = afterDollar
      }
    }
    output += rest
    return .success(output)
  }

  static func isVariableName(_ name: Substring) -> Bool {
    guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else {
      return false
    }
    return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
  }
}
