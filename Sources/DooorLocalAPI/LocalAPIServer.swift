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
  private let services: ServiceGroup
  private let task: Task<Void, any Error>
  /// How long requests under way may take to finish once shutdown begins.
  private static let gracePeriod = Duration.seconds(5)

  private init(
    url: String, port: Int, statistics: LocalAPIStatistics, store: LocalDatabaseStore,
    provisioner: any DatabaseProvisioner, services: ServiceGroup, task: Task<Void, any Error>
  ) {
    self.url = url
    self.port = port
    self.statistics = statistics
    self.store = store
    self.provisioner = provisioner
    self.services = services
    self.task = task
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
    let router = makeRouter(store: store, statistics: statistics, options: options)
    var logger = Logger(label: "dooordb.local-api")
    logger.logLevel = .critical
    let (boundPorts, boundPortsSink) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
      router: router,
      server: .http1(configuration: .init(idleTimeout: .init(options.idleTimeout))),
      configuration: ApplicationConfiguration(
        address: .hostname(host, port: port), serverName: nil,
        availableConnectionsDelegate: ConnectionCounter(statistics: statistics)),
      onServerRunning: { channel in
        boundPortsSink.yield(channel.localAddress?.port ?? port)
        boundPortsSink.finish()
      },
      logger: logger)
    let services = ServiceGroup(configuration: .init(services: [application], logger: logger))
    let task = Task {
      defer { boundPortsSink.finish() }
      try await services.run()
    }
    var iterator = boundPorts.makeAsyncIterator()
    guard let boundPort = await iterator.next() else {
      await provisioner.shutdown()
      // The server stopped before it listened: surface why.
      try await task.value
      throw LocalAPIServerError(message: "the local API stopped before it listened")
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return LocalAPIServer(
      url: "http://\(shownHost):\(boundPort)/api/v1", port: boundPort, statistics: statistics,
      store: store, provisioner: provisioner, services: services, task: task)
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
      notice: options.notice)
  }

  /// A copy of every record held, for tests and tools.
  public func snapshot() async -> LocalAPIState {
    await store.state
  }

  /// Stops accepting connections, lets requests under way finish (for up to `gracePeriod`),
  /// and waits for the server to stop. Gracefully rather than by cancelling the server: a
  /// cancelled server can drop a connection it has accepted but not yet served, which NIO
  /// treats as a fatal error (swift-nio issue 3481). Engine servers keep running.
  public func shutdown() async {
    await provisioner.shutdown()
    await services.triggerGracefulShutdown()
    let task = task
    let deadline = Task {
      try await Task.sleep(for: Self.gracePeriod)
      task.cancel()
    }
    _ = try? await task.value
    deadline.cancel()
  }

  /// Waits until the server stops by itself (it does not, unless it fails).
  public func wait() async throws {
    try await task.value
  }
}

/// Why the local API server could not run.
public struct LocalAPIServerError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// Counts connections as Hummingbird opens them.
struct ConnectionCounter: AvailableConnectionsDelegate {
  let statistics: LocalAPIStatistics

  mutating func connectionOpened() { statistics.countConnection() }
  mutating func connectionClosed() {}
  func isAcceptingNewConnections() -> Bool { true }
}
