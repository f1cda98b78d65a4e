/// A database engine. The API may one day answer with an engine this build does not know;
/// that value is kept as `unknown` and reported, never a crash.
public enum Engine: Sendable, Hashable, Comparable, CustomStringConvertible {
  case postgresql
  case mysql
  case redis
  case unknown(String)

  /// The engines a manifest may declare.
  public static let declarable: [Engine] = [.postgresql, .mysql, .redis]

  public init(rawValue: String) {
    switch rawValue {
    case "postgresql": self = .postgresql
    case "mysql": self = .mysql
    case "redis": self = .redis
    default: self = .unknown(rawValue)
    }
  }

  public var rawValue: String {
    switch self {
    case .postgresql: "postgresql"
    case .mysql: "mysql"
    case .redis: "redis"
    case .unknown(let value): value
    }
  }

  public var isKnown: Bool {
    if case .unknown = self { return false }
    return true
  }

  public var description: String { rawValue }

  public static func < (lhs: Engine, rhs: Engine) -> Bool { lhs.rawValue < rhs.rawValue }
}
