import DooorEngine
import DooorLocalAPI
import Foundation
import Hummingbird
import Synchronization

/// `/metrics` (Prometheus text format), `/healthz` (the process is alive) and `/readyz` (the
/// last cycle reached the API, and the one under way is not overdue), on a Hummingbird router.
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
      guard readiness.isReady else {
        return Response(
          status: .serviceUnavailable,
          body: .init(byteBuffer: ByteBuffer(string: Readiness.notReadyAnswer)))
      }
      return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
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

  /// `/readyz`'s answer: the last cycle reached the API and the one under way has heard
  /// from it within its interval (`ReconcileReadiness`), on the process's clock.
  final class Readiness: Sendable {
    private let state: Mutex<ReconcileReadiness<ContinuousClock.Instant>>

    static let notReadyAnswer =
      "not ready: the last cycle did not reach the API, or the one under way has not heard"
      + " from it for longer than the interval\n"

    init(interval: Duration) {
      state = Mutex(ReconcileReadiness(interval: interval))
    }

    var isReady: Bool { state.withLock { $0.isReady(at: .now) } }
    func cycleStarted() { state.withLock { $0.cycleStarted(at: .now) } }
    func cycleReachedAPI(_ reached: Bool) { state.withLock { $0.cycleReachedAPI(reached) } }
    func cycleEnded() { state.withLock { $0.cycleEnded() } }
    func apiAnswered() { state.withLock { $0.apiAnswered(at: .now) } }
  }
}
