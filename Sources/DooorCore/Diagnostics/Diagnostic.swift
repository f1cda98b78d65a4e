/// One problem found in the manifests or while planning, located where a user can fix it.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  public var severity: Severity
  /// Nil only for problems no file is to blame for (say, an API answer that cannot be read).
  public var location: SourceLocation?
  /// Values quoted from a manifest or an answer are as untrusted as API text: control and
  /// format characters (ESC, U+202E) are made visible here, once for every output.
  public var message: String

  public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = DisplayText.visible(message)
  }

  public static func error(at location: SourceLocation?, _ message: String) -> Diagnostic {
    Diagnostic(.error, at: location, message)
  }

  public static func warning(at location: SourceLocation?, _ message: String) -> Diagnostic {
    Diagnostic(.warning, at: location, message)
  }

  /// `FILE:LINE:COL: error: MESSAGE`, the form compilers use, so editors can jump to it.
  public var description: String {
    if let location {
      return "\(location): \(severity.rawValue): \(message)"
    }
    return "\(severity.rawValue): \(message)"
  }

  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    switch (lhs.location, rhs.location) {
    case (nil, nil): return lhs.message < rhs.message
    case (nil, _): return true
    case (_, nil): return false
    case (let left?, let right?):
      return left == right ? lhs.message < rhs.message : left < right
    }
  }
}
