/// What a policy allows as an engine version: `>=N`, `<=N`, `N` (that release line) or a
/// list of release lines. Versions compare number by number: `16.2` is at least `15`, and
/// `8.0` is at most `8` only as far as the numbers written go (`8.0` ≤ `8`, `8.1` ≤ `8`).
public enum VersionConstraint: Sendable, Hashable, CustomStringConvertible {
  case atLeast(String)
  case atMost(String)
  case oneOf([String])

  /// Nil when `text` is none of the forms.
  public init?(parsing text: String) {
    let trimmed = text.trimmingWhitespace()
    if trimmed.hasPrefix(">=") {
      let number = String(trimmed.dropFirst(2)).trimmingWhitespace()
      guard Self.isVersion(number) else { return nil }
      self = .atLeast(number)
    } else if trimmed.hasPrefix("<=") {
      let number = String(trimmed.dropFirst(2)).trimmingWhitespace()
      guard Self.isVersion(number) else { return nil }
      self = .atMost(number)
    } else {
      guard Self.isVersion(trimmed) else { return nil }
      self = .oneOf([trimmed])
    }
  }

  /// `16`, `8.0`, `7.2.4`: numbers separated by dots.
  public static func isVersion(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    return !parts.isEmpty
      && parts.allSatisfy { !$0.isEmpty && $0.count <= 9 && $0.allSatisfy(\.isASCIIDigit) }
  }

  public func allows(_ version: String) -> Bool {
    switch self {
    case .atLeast(let bound): return Self.compare(version, bound) >= 0
    case .atMost(let bound): return Self.compare(version, bound) <= 0
    case .oneOf(let lines):
      return lines.contains { FieldComparison.versionMatches(declared: $0, remote: version) }
    }
  }

  public var description: String {
    switch self {
    case .atLeast(let bound): ">=\(bound)"
    case .atMost(let bound): "<=\(bound)"
    case .oneOf(let lines): lines.count == 1 ? lines[0] : "one of " + lines.joined(separator: ", ")
    }
  }

  /// Compares the numbers both versions write, left to right: -1, 0 or 1. Extra numbers on
  /// either side are not compared, so `16.4` equals `16` (it is on that release line).
  static func compare(_ left: String, _ right: String) -> Int {
    let a = left.split(separator: ".").map { Int($0) ?? 0 }
    let b = right.split(separator: ".").map { Int($0) ?? 0 }
    for (x, y) in zip(a, b) where x != y {
      return x < y ? -1 : 1
    }
    return 0
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  fileprivate func trimmingWhitespace() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
