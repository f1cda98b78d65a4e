import Foundation
public import Hummingbird
public import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird router served in-process: started on a host and port (0 picks a free one),
/// returned once it listens, shut down gracefully. The local API and `reconcile`'s metrics
/// endpoint both run this way.
public final class RunningHTTPServer: Sendable {
  public let port: Int
  /// `http://HOST:PORT`, the host in brackets when it is an IPv6 address.
  public let baseURL: String
  private let services: ServiceGroup
  private let task: Task<Void, any Error>
  /// How long requests under way may take to finish once shutdown begins.
  private static let gracePeriod = Duration.seconds(5)

  private init(port: Int, baseURL: String, services: ServiceGroup, task: Task<Void, any Error>) {
    self.port = port
    self.baseURL = baseURL
    self.services = services
    self.task = task
  }

  /// Starts serving `router`; throws when it cannot listen (the system's reason included).
  public static func start<Context: RequestContext>(
    router: Router<Context>, host: String, port: Int, idleTimeout: Duration? = nil,
    connections: (any AvailableConnectionsDelegate)? = nil
  ) async throws -> RunningHTTPServer where Context.Source == ApplicationRequestContextSource {
    var logger = Logger(label: "dooordb.http")
    logger.logLevel = .critical
    let (boundPorts, boundPortsSink) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
      router: router,
      server: .http1(configuration: .init(idleTimeout: idleTimeout.map { .init($0) })),
      configuration: ApplicationConfiguration(
        address: .hostname(host, port: port), serverName: nil,
        availableConnectionsDelegate: connections),
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
      // It stopped before it listened: surface why, as the system says it (NIO's own text
      // names its internal call, `bind(descriptor:ptr:bytes:)`).
      do {
        try await task.value
      } catch let error as IOError {
        throw LocalAPIServerError(
          message:
            "cannot listen on \(host):\(port): \(String(cString: strerror(error.errnoCode)))",
          errnoCode: error.errnoCode)
      }
      throw LocalAPIServerError(message: "the server stopped before it listened on \(host):\(port)")
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return RunningHTTPServer(
      port: boundPort, baseURL: "http://\(shownHost):\(boundPort)", services: services, task: task)
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
}
