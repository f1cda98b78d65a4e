import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The local Dooor API on a real socket: starts on a host and port (0 picks a free one),
/// reports its URL, runs in-process, shuts down on request.
public final class LocalAPIServer: Sendable {
  /// The API root, e.g. `http://127.0.0.1:53127/api/v1`.
  public let url: String
  public let port: Int
  public let service: LocalAPIService
  public let statistics: LocalAPIStatistics
  private let services: ServiceGroup
  private let task: Task<Void, any Error>
  /// How long requests under way may take to finish once shutdown begins.
  private static let gracePeriod = Duration.seconds(5)

  private init(
    url: String, port: Int, service: LocalAPIService, statistics: LocalAPIStatistics,
    services: ServiceGroup, task: Task<Void, any Error>
  ) {
    self.url = url
    self.port = port
    self.service = service
    self.statistics = statistics
    self.services = services
    self.task = task
  }

  /// Starts the server and returns once it accepts connections.
  public static func start(
    host: String = "127.0.0.1", port: Int = 0, options: LocalAPIOptions
  ) async throws -> LocalAPIServer {
    let service = try LocalAPIService(options: options)
    let statistics = LocalAPIStatistics()
    let faults = options.faults
    let interceptor = options.interceptor
    let responder = CallbackResponder<LocalAPIRequestContext> { request, _ in
      try await Self.respond(
        to: request, service: service, statistics: statistics, faults: faults,
        interceptor: interceptor)
    }
    var logger = Logger(label: "dooordb.local-api")
    logger.logLevel = .critical
    let (boundPorts, boundPortsSink) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
      responder: responder,
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
      // The server stopped before it listened: surface why.
      try await task.value
      throw LocalAPIServerError(message: "the local API stopped before it listened")
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return LocalAPIServer(
      url: "http://\(shownHost):\(boundPort)/api/v1", port: boundPort, service: service,
      statistics: statistics, services: services, task: task)
  }

  /// Stops accepting connections, lets requests under way finish (for up to `gracePeriod`),
  /// and waits for the server to stop. Gracefully rather than by cancelling the server: a
  /// cancelled server can drop a connection it has accepted but not yet served, which NIO
  /// treats as a fatal error (swift-nio issue 3481).
  public func shutdown() async {
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

  private static func respond(
    to request: Request, service: LocalAPIService, statistics: LocalAPIStatistics,
    faults: LocalAPIFaults, interceptor: (@Sendable (LocalAPIRequest) async -> LocalAPIResponse?)?
  ) async throws -> Response {
    if request.uri.path == LocalAPIStatistics.path {
      let body = try JSONEncoder().encode(statistics.snapshot())
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
    statistics.countRequest(method: request.method.rawValue)
    var incoming = request
    let bodyBuffer = try await incoming.collectBody(upTo: 1024 * 1024)
    if faults.latency > .zero {
      let segments = request.uri.path.split(separator: "/").dropFirst(2).map(String.init)
      let endpoint = LocalAPIEndpoint.of(method: request.method.rawValue, segments: segments)
      if faults.endpoints == nil || endpoint.map(faults.targets) == true {
        try await Task.sleep(for: faults.latency)
      }
    }
    let apiRequest = LocalAPIRequest(
      method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
      authorization: request.headers[.authorization], body: Array(bodyBuffer.readableBytesView))
    let answer: LocalAPIResponse
    if let interceptor, let intercepted = await interceptor(apiRequest) {
      answer = intercepted
    } else {
      answer = await service.handle(apiRequest)
    }
    statistics.countAnswer(to: apiRequest, status: answer.status)
    var headers = HTTPFields()
    for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
      if let fieldName = HTTPField.Name(name) { headers[fieldName] = value }
    }
    let bytes = answer.body
    if answer.closesConnectionMidway {
      headers[.contentLength] = String(bytes.count)
      let half = Array(bytes.prefix(bytes.count / 2))
      return Response(
        status: .init(code: answer.status), headers: headers,
        body: ResponseBody { writer in
          try await writer.write(ByteBuffer(bytes: half))
          throw LocalAPIServerError(message: "connection closed on purpose (fault injection)")
        })
    }
    return Response(
      status: .init(code: answer.status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}

/// Why the local API server could not run.
public struct LocalAPIServerError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// The per-request context: Hummingbird's basics and nothing more.
struct LocalAPIRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }
}

/// Counts connections as Hummingbird opens them.
struct ConnectionCounter: AvailableConnectionsDelegate {
  let statistics: LocalAPIStatistics

  mutating func connectionOpened() { statistics.countConnection() }
  mutating func connectionClosed() {}
  func isAcceptingNewConnections() -> Bool { true }
}

/// How many requests and connections the server has seen, for benchmarks and tests. Served
/// as JSON at `/_local/stats` (outside the API, no key needed).
public final class LocalAPIStatistics: Sendable {
  public static let path = "/_local/stats"

  /// A point-in-time copy.
  public struct Snapshot: Codable, Sendable, Hashable {
    public var requests: Int
    public var connections: Int
    /// API requests by HTTP method (`GET`, `POST`, ...).
    public var requestsByMethod: [String: Int] = [:]
    /// Answers by endpoint and status, as `create 201`, `list 503`, ...
    public var answersByEndpoint: [String: Int] = [:]
    /// Create requests by `WORKSPACE/SLUG`, whatever their answer.
    public var createAttemptsBySlug: [String: Int] = [:]
    /// Databases actually made (201) by `WORKSPACE/SLUG`: more than 1 means a duplicate create.
    public var createsBySlug: [String: Int] = [:]
  }

  private let counts = Mutex(Snapshot(requests: 0, connections: 0))

  public init() {}

  public func snapshot() -> Snapshot { counts.withLock { $0 } }
  func countRequest(method: String) {
    counts.withLock {
      $0.requests += 1
      $0.requestsByMethod[method, default: 0] += 1
    }
  }
  func countConnection() { counts.withLock { $0.connections += 1 } }

  func countAnswer(to request: LocalAPIRequest, status: Int) {
    let segments = request.path.split(separator: "/").dropFirst(2).map(String.init)
    let endpoint = LocalAPIEndpoint.of(method: request.method, segments: segments)
    var createdSlug: String?
    if endpoint == .create,
      let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
      let slug = object["slug"] as? String
    {
      createdSlug = "\(segments[1])/\(slug)"
    }
    counts.withLock {
      $0.answersByEndpoint["\(endpoint?.rawValue ?? "other") \(status)", default: 0] += 1
      if let createdSlug {
        $0.createAttemptsBySlug[createdSlug, default: 0] += 1
        if status == 201 { $0.createsBySlug[createdSlug, default: 0] += 1 }
      }
    }
  }
}
