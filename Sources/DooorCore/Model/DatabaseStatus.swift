/// The lifecycle status the API reports. Unknown values are kept, not rejected.
public enum DatabaseStatus: Sendable, Hashable, CustomStringConvertible {
  case provisioning
  case ready
  case updating
  case error
  case deleting
  case unknown(String)

  public init(rawValue: String) {
    switch rawValue {
    case "provisioning": self = .provisioning
    case "ready": self = .ready
    case "updating": self = .updating
    case "error": self = .error
    case "deleting": self = .deleting
    default: self = .unknown(rawValue)
    }
  }

  public var rawValue: String {
    switch self {
    case .provisioning: "provisioning"
    case .ready: "ready"
    case .updating: "updating"
    case .error: "error"
    case .deleting: "deleting"
    case .unknown(let value): value
    }
  }

  public var isKnown: Bool {
    if case .unknown = self { return false }
    return true
  }

  public var description: String { rawValue }
}
