import DooorCore
import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The local Dooor API on a real socket (CONTRACT §6 and §7): a Hummingbird router over one
/// store of records, backed by simulated or real engines. Starts on a host and port (0 picks
/// a free one), reports its URL, runs in-process, shuts down on request; real engine servers
/// keep running after it stops.
public final class LocalAPIServer: Sendable {
  /// The API root, e.g. `http://127.0.0.1:53127/api/v1`.
  public let url: String
  public let port: Int
  public let statistics: LocalAPIStatistics
  private let store: LocalDatabaseStore
  private let provisioner: any DatabaseProvisioner
  private let http: RunningHTTPServer

  private init(
    statistics: LocalAPIStatistics, store: LocalDatabaseStore,
    provisioner: any DatabaseProvisioner, http: RunningHTTPServer
  ) {
    url = http.baseURL + "/api/v1"
    port = http.port
    self.statistics = statistics
    self.store = store
    self.provisioner = provisioner
    self.http = http
  }

  /// Loads the state, takes over its real servers (restarting those that stopped), and
  /// returns once the API accepts connections.
  public static func start(
    host: String = "127.0.0.1", port: Int = 0, options: LocalAPIOptions
  ) async throws -> LocalAPIServer {
    let state = try options.stateFile.map(LocalStateFile.load) ?? LocalAPIState()
    let provisioner = makeProvisioner(options, state: state)
    let store = LocalDatabaseStore(options: options, state: state, provisioner: provisioner)
    await store.adoptServers()
    let statistics = LocalAPIStatistics()
    do {
      let http = try await RunningHTTPServer.start(
        router: makeRouter(store: store, statistics: statistics, options: options), host: host,
        port: port, idleTimeout: options.idleTimeout,
        connections: ConnectionCounter(statistics: statistics))
      return LocalAPIServer(
        statistics: statistics, store: store, provisioner: provisioner, http: http)
    } catch {
      await provisioner.shutdown()
      throw error
    }
  }

  /// The local API as a Hummingbird application that is not started, so tests can run it
  /// in-process (`app.test(.router)`) as well as over a socket (`.live`).
  public static func application(options: LocalAPIOptions) async throws
    -> some ApplicationProtocol
  {
    let state = try options.stateFile.map(LocalStateFile.load) ?? LocalAPIState()
    let store = LocalDatabaseStore(
      options: options, state: state, provisioner: makeProvisioner(options, state: state))
    await store.adoptServers()
    var logger = Logger(label: "dooordb.local-api")
    logger.logLevel = .critical
    return Application(
      router: makeRouter(store: store, statistics: LocalAPIStatistics(), options: options),
      configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
      logger: logger)
  }

  /// `/api/v1/workspaces/:workspace/databases` as a route group behind the key check and the
  /// faults; errors in the API's format everywhere; statistics outside the API.
  static func makeRouter(
    store: LocalDatabaseStore, statistics: LocalAPIStatistics, options: LocalAPIOptions
  ) -> Router<LocalAPIRequestContext> {
    let router = Router(context: LocalAPIRequestContext.self)
    router.add(middleware: APIErrorMiddleware())
    router.get(RouterPath(LocalAPIStatistics.path)) { _, _ in
      let body = try JSONEncoder().encode(statistics.snapshot())
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
    router.add(middleware: StatisticsMiddleware(statistics: statistics))
    if let interceptor = options.interceptor {
      router.add(middleware: InterceptorMiddleware(interceptor: interceptor))
    }
    let databases = router.group("api/v1/workspaces/:workspace/databases")
      .add(middleware: BearerKeyMiddleware(expectedKey: options.apiKey))
      .add(middleware: FaultInjectionMiddleware(faults: options.faults))
    DatabasesController(store: store).addRoutes(to: databases)
    return router
  }

  /// Real engines when asked for, and whenever the state holds real databases: they must be
  /// adopted, restarted, resized and deleted even when new databases are simulated.
  private static func makeProvisioner(_ options: LocalAPIOptions, state: LocalAPIState)
    -> any DatabaseProvisioner
  {
    guard options.engines != .simulated || state.databases.contains(where: { $0.mode == .real })
    else { return SimulatedProvisioner() }
    let folder =
      options.stateFile.map(LocalEngineAdministration.enginesFolder)
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "dooordb-engines-\(getpid())")
    return RealProvisioner(
      setting: options.engines, enginesFolder: folder,
      linkedFrom: options.stateFile.map(EnginesFolder.besideState))
  }

  /// A copy of every record held, for tests and tools.
  public func snapshot() async -> LocalAPIState {
    await store.state
  }

  /// Stops serving (requests under way may finish); engine servers keep running.
  public func shutdown() async {
    await provisioner.shutdown()
    await http.shutdown()
  }

  /// Waits until the server stops by itself (it does not, unless it fails).
  public func wait() async throws {
    try await http.wait()
  }
}

/// Why the local API server could not run.
public struct LocalAPIServerError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// The system's error number when the system refused (e.g. EADDRINUSE for a port in use).
  public var errnoCode: Int32?
  public var description: String { message }
}

/// Counts connections as Hummingbird opens them.
struct ConnectionCounter: AvailableConnectionsDelegate {
  let statistics: LocalAPIStatistics

  mutating func connectionOpened() { statistics.countConnection() }
  mutating func connectionClosed() {}
  func isAcceptingNewConnections() -> Bool { true }
}
