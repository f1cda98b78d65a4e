import DooorLocalAPI
import Foundation
import Hummingbird
import Synchronization

/// `/metrics` (Prometheus text format), `/healthz` (the process is alive) and `/readyz` (the
/// last cycle reached the API), on a Hummingbird router.
final class MetricsServer: Sendable {
  let url: String
  private let http: RunningHTTPServer

  private init(http: RunningHTTPServer) {
    self.http = http
    url = http.baseURL
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
    do {
      return MetricsServer(
        http: try await RunningHTTPServer.start(router: router, host: host, port: port))
    } catch {
      throw CommandFailure("cannot serve metrics on \(host):\(port): \(error)")
    }
  }

  func shutdown() async {
    await http.shutdown()
  }

  /// Whether the last cycle reached the API.
  final class Readiness: Sendable {
    private let ready = Mutex(false)
    var isReady: Bool { ready.withLock { $0 } }
    func set(_ value: Bool) { ready.withLock { $0 = value } }
  }
}
