/// Everything dooordb asks of the Dooor API. The real HTTP client, the local server's
/// in-process double and test fakes all meet here.
public protocol DatabaseAPI: Sendable {
  /// Every database of the workspace, all pages at the largest page size, de-duplicated by id.
  func listDatabases(workspace: String, filter: DatabaseFilter) async throws -> DatabaseListing
  func database(workspace: String, id: String) async throws -> RemoteDatabase
  func status(workspace: String, id: String) async throws -> ReplicaStatus
  func connection(workspace: String, id: String) async throws -> ConnectionInfo
  func createDatabase(workspace: String, _ request: CreateDatabaseRequest) async throws
    -> RemoteDatabase
  func updateDatabase(workspace: String, id: String, _ request: UpdateDatabaseRequest)
    async throws -> RemoteDatabase
  func deleteDatabase(workspace: String, id: String) async throws
}

/// The list endpoint's three filters; all nil lists everything.
public struct DatabaseFilter: Sendable, Hashable {
  public var engine: String?
  public var status: String?
  public var search: String?

  public init(engine: String? = nil, status: String? = nil, search: String? = nil) {
    self.engine = engine
    self.status = status
    self.search = search
  }

  public static let all = DatabaseFilter()
}

/// A whole listing, with what could not be understood in it said rather than dropped.
public struct DatabaseListing: Sendable, Hashable {
  public var databases: [RemoteDatabase]
  /// Unknown engines or statuses and similar oddities, for the user to read.
  public var warnings: [String]
  /// How many HTTP requests the listing took.
  public var requestCount: Int

  public init(databases: [RemoteDatabase], warnings: [String] = [], requestCount: Int = 0) {
    self.databases = databases
    self.warnings = warnings
    self.requestCount = requestCount
  }
}

/// Replica readiness from `/status`, decoded as the API writes it.
public struct ReplicaStatus: Sendable, Hashable, Decodable {
  public var ready: Int
  public var desired: Int

  public init(ready: Int, desired: Int) {
    self.ready = ready
    self.desired = desired
  }

  public var isReady: Bool { ready == desired && desired > 0 }
}

/// Credentials from `/connection`, decoded as the API writes them. Its description never
/// shows the password.
public struct ConnectionInfo: Sendable, Hashable, Decodable, CustomStringConvertible {
  public var uri: String
  public var username: String
  public var password: String
  public var host: String
  public var port: Int

  public init(uri: String, username: String, password: String, host: String, port: Int) {
    self.uri = uri
    self.username = username
    self.password = password
    self.host = host
    self.port = port
  }

  public var description: String { "ConnectionInfo(host: \(host), port: \(port), redacted)" }
}
