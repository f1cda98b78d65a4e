public import Foundation

/// One database as the local API stores it. Its status is not stored but computed from the
/// current transition and the clock, so time can move without anything running.
public struct LocalDatabaseRecord: Codable, Sendable, Hashable {
  /// A change in progress and when it completes.
  public struct Transition: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
      case provisioning, updating, deleting
    }

    public var kind: Kind
    public var until: Date

    public init(kind: Kind, until: Date) {
      self.kind = kind
      self.until = until
    }
  }

  public var id: String
  public var workspace: String
  public var slug: String
  public var name: String
  public var engine: String
  public var version: String
  public var cpu: String
  public var memory: String
  public var storageGb: Int
  public var storageClass: String
  public var createdAt: Date
  public var updatedAt: Date
  public var transition: Transition?
  /// The database ends in `error` once its transition completes (fault injection).
  public var failing: Bool
  public var username: String
  public var password: String
  public var databaseName: String

  public init(
    id: String, workspace: String, slug: String, name: String, engine: String, version: String,
    cpu: String, memory: String, storageGb: Int, storageClass: String, createdAt: Date,
    updatedAt: Date, transition: Transition?, failing: Bool, username: String, password: String,
    databaseName: String
  ) {
    self.id = id
    self.workspace = workspace
    self.slug = slug
    self.name = name
    self.engine = engine
    self.version = version
    self.cpu = cpu
    self.memory = memory
    self.storageGb = storageGb
    self.storageClass = storageClass
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.transition = transition
    self.failing = failing
    self.username = username
    self.password = password
    self.databaseName = databaseName
  }

  /// The status at `now`, or nil once a delete has completed (the database is gone).
  public func status(at now: Date) -> String? {
    if let transition, now < transition.until { return transition.kind.rawValue }
    if transition?.kind == .deleting { return nil }
    return failing ? "error" : "ready"
  }
}

/// Everything the local API holds, as written to its state file.
public struct LocalAPIState: Codable, Sendable, Hashable {
  public var formatVersion: Int
  /// Feeds database ids, so ids stay unique across restarts.
  public var nextSequence: Int
  /// In creation order.
  public var databases: [LocalDatabaseRecord]

  public init(formatVersion: Int = 1, nextSequence: Int = 1, databases: [LocalDatabaseRecord] = [])
  {
    self.formatVersion = formatVersion
    self.nextSequence = nextSequence
    self.databases = databases
  }
}
