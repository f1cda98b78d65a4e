public import DooorCore
public import Foundation

/// How a local database runs (CONTRACT §7).
public enum LocalEngineMode: String, Codable, Sendable, Hashable {
  /// Records only: the lifecycle follows the clock.
  case simulated
  /// A real server process from the machine's packages.
  case real
}

/// One database as the local API stores it. A simulated database's status is not stored but
/// computed from its transition and the clock, so time can move without anything running; a
/// real one's transition lasts until its engine reports.
public struct LocalDatabaseRecord: Codable, Sendable, Hashable {
  /// A change in progress and when it completes.
  public struct Transition: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
      case provisioning, updating, deleting

      var status: DatabaseStatus {
        switch self {
        case .provisioning: .provisioning
        case .updating: .updating
        case .deleting: .deleting
        }
      }
    }

    public var kind: Kind
    /// When it completes; nil for a real server, whose engine says when.
    public var until: Date?

    public init(kind: Kind, until: Date?) {
      self.kind = kind
      self.until = until
    }
  }

  /// Where a real database's server listens and which process it is.
  public struct Server: Codable, Sendable, Hashable {
    public var port: Int
    /// Nil while it is not running.
    public var pid: Int32?

    public init(port: Int, pid: Int32?) {
      self.port = port
      self.pid = pid
    }
  }

  public var id: String
  public var workspace: String
  public var slug: String
  public var name: String
  public var engine: Engine
  public var version: String
  public var cpu: String
  public var memory: String
  public var storageGb: Int
  public var storageClass: String
  public var createdAt: Date
  public var updatedAt: Date
  public var transition: Transition?
  /// The database ends in `error` once its transition completes (fault injection, or a real
  /// server that failed to start three times).
  public var failing: Bool
  /// Why a database is in `error`: for a real one, the engine's own last log line.
  public var statusMessage: String?
  public var username: String
  public var password: String
  public var databaseName: String
  public var mode: LocalEngineMode
  public var server: Server?

  public init(
    id: String, workspace: String, slug: String, name: String, engine: Engine, version: String,
    cpu: String, memory: String, storageGb: Int, storageClass: String, createdAt: Date,
    updatedAt: Date, transition: Transition?, failing: Bool, username: String, password: String,
    databaseName: String, mode: LocalEngineMode = .simulated, server: Server? = nil
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
    self.mode = mode
    self.server = server
  }

  /// The status at `now`, or nil once a delete has completed (the database is gone).
  public func status(at now: Date) -> DatabaseStatus? {
    if let transition {
      guard let until = transition.until else { return transition.kind.status }
      if now < until { return transition.kind.status }
      if transition.kind == .deleting { return nil }
    }
    return failing ? .error : .ready
  }

  /// The memory in bytes, for engines (the API checked it is a quantity).
  var memoryBytes: Int64 {
    ((try? Quantity(parsing: memory))?.milliValue ?? 512 * 1024 * 1024 * 1000) / 1000
  }

  // Files written before real engines have no mode, server or message.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    workspace = try container.decode(String.self, forKey: .workspace)
    slug = try container.decode(String.self, forKey: .slug)
    name = try container.decode(String.self, forKey: .name)
    engine = try container.decode(Engine.self, forKey: .engine)
    version = try container.decode(String.self, forKey: .version)
    cpu = try container.decode(String.self, forKey: .cpu)
    memory = try container.decode(String.self, forKey: .memory)
    storageGb = try container.decode(Int.self, forKey: .storageGb)
    storageClass = try container.decode(String.self, forKey: .storageClass)
    createdAt = try container.decode(Date.self, forKey: .createdAt)
    updatedAt = try container.decode(Date.self, forKey: .updatedAt)
    transition = try container.decodeIfPresent(Transition.self, forKey: .transition)
    failing = try container.decode(Bool.self, forKey: .failing)
    statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
    username = try container.decode(String.self, forKey: .username)
    password = try container.decode(String.self, forKey: .password)
    databaseName = try container.decode(String.self, forKey: .databaseName)
    mode = try container.decodeIfPresent(LocalEngineMode.self, forKey: .mode) ?? .simulated
    server = try container.decodeIfPresent(Server.self, forKey: .server)
  }
}

/// Everything the local API holds, as written to its state file.
public struct LocalAPIState: Codable, Sendable, Hashable {
  /// The newest format this build reads and writes.
  public static let currentFormatVersion = 2

  public var formatVersion: Int
  /// Feeds database ids, so ids stay unique across restarts.
  public var nextSequence: Int
  /// In creation order.
  public var databases: [LocalDatabaseRecord]

  public init(
    formatVersion: Int = currentFormatVersion, nextSequence: Int = 1,
    databases: [LocalDatabaseRecord] = []
  ) {
    self.formatVersion = formatVersion
    self.nextSequence = nextSequence
    self.databases = databases
  }
}
