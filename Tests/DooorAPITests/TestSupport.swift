import DooorAPI
import DooorLocalAPI
import DooorTestSupport
import Foundation
import Synchronization

/// Collects `--verbose` log entries.
final class LogRecorder: Sendable {
  private let entries = Mutex([HTTPRequestLogEntry]())

  func record(_ entry: HTTPRequestLogEntry) { entries.withLock { $0.append(entry) } }
  var all: [HTTPRequestLogEntry] { entries.withLock { $0 } }
}

/// A real local server on a loopback port and a real client pointed at it.
struct Harness {
  let server: LocalAPIServer
  let client: HTTPDatabaseAPI
  let clock: SteppedClock
  let log: LogRecorder

  static let apiKey = "dor_sk_test_9f8e7d6c5b4a"

  static func start(
    options: LocalAPIOptions = LocalAPIOptions(provisionDelay: .zero),
    apiKey: String = apiKey, retryPolicy: RetryPolicy = .standard,
    requestTimeout: Duration = .seconds(10)
  ) async throws -> Harness {
    let server = try await LocalAPIServer.start(options: options)
    let clock = SteppedClock(advancesBySleeping: true)
    let log = LogRecorder()
    let client = HTTPDatabaseAPI(
      configuration: HTTPDatabaseAPIConfiguration(
        baseURL: server.url, apiKey: apiKey, requestTimeout: requestTimeout,
        retryPolicy: retryPolicy, clock: clock, unitRandom: { 0.5 },
        log: { entry in log.record(entry) }))
    return Harness(server: server, client: client, clock: clock, log: log)
  }

  func stop() async {
    try? await client.shutdown()
    await server.shutdown()
  }

  /// Runs `body` and always stops the harness, so a failing test does not leak a server.
  static func with(
    options: LocalAPIOptions = LocalAPIOptions(provisionDelay: .zero),
    apiKey: String = apiKey, retryPolicy: RetryPolicy = .standard,
    requestTimeout: Duration = .seconds(10),
    _ body: (Harness) async throws -> Void
  ) async throws {
    let harness = try await start(
      options: options, apiKey: apiKey, retryPolicy: retryPolicy, requestTimeout: requestTimeout)
    do {
      try await body(harness)
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }
}

func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "dooordb-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
