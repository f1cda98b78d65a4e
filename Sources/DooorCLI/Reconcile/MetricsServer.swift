import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// `/metrics` (Prometheus text format), `/healthz` (the process is alive) and `/readyz` (the
/// last cycle reached the API), on a Hummingbird router.
final class MetricsServer: Sendable {
  let url: String
  private let services: ServiceGroup
  private let task: Task<Void, any Error>

  private init(url: String, services: ServiceGroup, task: Task<Void, any Error>) {
    self.url = url
    self.services = services
    self.task = task
  }

  static func start(
    host: String, port: Int, metrics: ReconcileMetrics, readiness: Readiness
  ) async throws -> MetricsServer {
    let router = Router()
    router.get("metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    router.get("healthz") { _, _ in "ok\n" }
    router.get("readyz") { _, _ -> Response in
      let ready = readiness.isReady
      return Response(
        status: ready ? .ok : .serviceUnavailable,
        body: .init(
          byteBuffer: ByteBuffer(
            string: ready ? "ready\n" : "the last cycle did not reach the API\n")))
    }
    var logger = Logger(label: "dooordb.metrics")
    logger.logLevel = .critical
    let (bound, boundSink) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
      router: router,
      configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in
        boundSink.yield(channel.localAddress?.port ?? port)
        boundSink.finish()
      },
      logger: logger)
    let services = ServiceGroup(configuration: .init(services: [application], logger: logger))
    let task = Task {
      defer { boundSink.finish() }
      try await services.run()
    }
    var iterator = bound.makeAsyncIterator()
    guard let boundPort = await iterator.next() else {
      do {
        try await task.value
      } catch {
        throw CommandFailure("cannot listen on \(host):\(port) for metrics: \(error)")
      }
      throw CommandFailure("cannot listen on \(host):\(port) for metrics")
    }
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return MetricsServer(url: "http://\(shownHost):\(boundPort)", services: services, task: task)
  }

  func shutdown() async {
    await services.triggerGracefulShutdown()
    _ = try? await task.value
  }

  /// Whether the last cycle reached the API.
  final class Readiness: Sendable {
    private let ready = Mutex(false)
    var isReady: Bool { ready.withLock { $0 } }
    func set(_ value: Bool) { ready.withLock { $0 = value } }
  }
}
