import AsyncHTTPClient
public import DooorCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The real Dooor API over HTTP: its endpoints, with bearer auth and tolerant decoding. Listings
/// are read in `+Listing`, every request is sent (and retried) in `+Transport`, failures are put
/// into words in `+Failures`. Call `shutdown()` when done.
public final class HTTPDatabaseAPI: DatabaseAPI {
  /// The page size for listings: the largest the API allows, so a listing takes fewest requests.
  public static let pageSize = 100

  let configuration: HTTPDatabaseAPIConfiguration
  let client: HTTPClient
  let gate: RequestGate
  /// `configuration.clock`, read as the time since the client was made.
  let time: ElapsedTime
  let baseURL: String
  let sentRequests = Mutex(0)
  /// Tries in a row, across all requests, that got no answer (`RetryPolicy`).
  let unansweredTries = Mutex(0)
  let keyRedaction: SecretRedaction

  public init(configuration: HTTPDatabaseAPIConfiguration) {
    self.configuration = configuration
    keyRedaction = SecretRedaction(secret: configuration.apiKey)
    var base = configuration.baseURL
    while base.hasSuffix("/") { base.removeLast() }
    baseURL = base
    var clientConfiguration = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(connect: .init(configuration.connectTimeout)),
      // Enough connections for apply's highest usual --parallelism: a request queued for a
      // connection longer than the connect timeout would fail as if the API were unreachable.
      connectionPool: .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    )
    // A failed connection is reported at once, not retried inside the client until the connect
    // timeout: the transport's own retries are the only ones, and they know the deadline.
    clientConfiguration.connectionPool.retryConnectionEstablishment = false
    if let url = URL(string: base), let scheme = url.scheme, let host = url.host,
      let proxy = ProxySettings.resolve(
        scheme: scheme, host: host, environment: configuration.environment)
    {
      clientConfiguration.proxy = .server(host: proxy.host, port: proxy.port)
    }
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    time = ElapsedTime(configuration.clock)
    gate = RequestGate(time: time)
  }

  /// Closes the connection pool; the client cannot be used afterwards.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// How many HTTP requests were sent so far, retries included.
  public var requestsSent: Int { sentRequests.withLock { $0 } }

  // MARK: DatabaseAPI

  public func listDatabases(workspace: String, filter: DatabaseFilter) async throws
    -> DatabaseListing
  {
    var requests = 0
    var listing = try await listOnce(workspace: workspace, filter: filter, requests: &requests)
    if listing.shifted {
      // Items moved between pages while we read them (a create or delete in between):
      // one fresh pass gives a consistent view in all but pathological cases.
      listing = try await listOnce(workspace: workspace, filter: filter, requests: &requests)
      // Twice cut short against the server's own count is broken paging, not churn: a plan
      // from a listing known to be incomplete would create what it did not see.
      if let endedEarly = listing.endedEarly {
        throw APIError(
          kind: .decoding, method: "GET", path: Self.collectionPath(workspace: workspace),
          message: "the listing is inconsistent, twice: \(endedEarly)",
          hint: "its paging is broken; asking again will not help")
      }
      if listing.shifted {
        listing.warnings.append(
          "the database list of workspace \(workspace) changed while it was read, twice; "
            + "it may be incomplete")
      }
    }
    return DatabaseListing(
      databases: listing.databases, warnings: listing.warnings, requestCount: requests)
  }

  public func database(workspace: String, id: String) async throws -> RemoteDatabase {
    let path = Self.databasePath(workspace: workspace, id: id)
    let answer = try await send(.GET, path: path)
    return try decode(RemoteDatabase.self, from: answer.body, method: "GET", path: path)
  }

  public func status(workspace: String, id: String) async throws -> ReplicaStatus {
    let path = Self.databasePath(workspace: workspace, id: id) + "/status"
    let answer = try await send(.GET, path: path)
    return try decode(ReplicaStatus.self, from: answer.body, method: "GET", path: path)
  }

  public func connection(workspace: String, id: String) async throws -> ConnectionInfo {
    let path = Self.databasePath(workspace: workspace, id: id) + "/connection"
    let answer = try await send(.GET, path: path)
    return try decode(ConnectionInfo.self, from: answer.body, method: "GET", path: path)
  }

  public func createDatabase(workspace: String, _ request: CreateDatabaseRequest) async throws
    -> RemoteDatabase
  {
    let path = Self.collectionPath(workspace: workspace)
    let body = try JSONEncoder().encode(request)
    let answer = try await send(.POST, path: path, body: body)
    return try decode(RemoteDatabase.self, from: answer.body, method: "POST", path: path)
  }

  public func updateDatabase(workspace: String, id: String, _ request: UpdateDatabaseRequest)
    async throws -> RemoteDatabase
  {
    let path = Self.databasePath(workspace: workspace, id: id)
    let body = try JSONEncoder().encode(request)
    let answer = try await send(.PATCH, path: path, body: body)
    return try decode(RemoteDatabase.self, from: answer.body, method: "PATCH", path: path)
  }

  public func deleteDatabase(workspace: String, id: String) async throws {
    _ = try await send(.DELETE, path: Self.databasePath(workspace: workspace, id: id))
  }

  // MARK: Paths

  static func collectionPath(workspace: String) -> String {
    "/workspaces/\(encodeSegment(workspace))/databases"
  }

  static func databasePath(workspace: String, id: String) -> String {
    collectionPath(workspace: workspace) + "/\(encodeSegment(id))"
  }

  private static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  static func encodeSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }

  static func queryString(_ items: [(String, String)]) -> String {
    "?" + items.map { "\(encodeSegment($0.0))=\(encodeSegment($0.1))" }.joined(separator: "&")
  }
}
