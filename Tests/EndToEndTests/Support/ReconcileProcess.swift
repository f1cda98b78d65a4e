import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A running `dooordb reconcile` for the end-to-end tests: its metrics URL, its /metrics read
/// with the prometheus_client package's own parser (scripts/parse-prometheus-text, no regular
/// expressions), and a stop by signal.
struct ReconcileProcess {
  struct Sample: Decodable {
    var name: String
    var labels: [String: String]
    var value: Double
  }

  let process: DooordbProcess.Running
  let metricsURL: String

  /// `reconcile db.yaml --interval 1s --listen 127.0.0.1:0 ARGUMENTS`, once it serves metrics.
  static func start(
    _ arguments: [String], in scratch: ScratchDirectory, environment: [String: String]
  ) async throws -> ReconcileProcess {
    let process = try DooordbProcess.start(
      ["reconcile", "db.yaml", "--interval", "1s", "--listen", "127.0.0.1:0"] + arguments,
      in: scratch.url, environment: environment)
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if let line = process.stdoutSoFar.split(separator: "\n").first(where: {
        $0.contains("/metrics")
      }),
        let start = line.range(of: "http://")
      {
        return ReconcileProcess(process: process, metricsURL: String(line[start.lowerBound...]))
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    process.interrupt()
    _ = await process.wait()
    throw HTTP.Failure(description: "reconcile printed no metrics URL")
  }

  /// The text of /metrics, /healthz or /readyz.
  func get(_ path: String) throws -> String {
    try HTTP.get(metricsURL.replacingOccurrences(of: "/metrics", with: path))
  }

  func samples() async throws -> [Sample] {
    try await Self.parse(try HTTP.get(metricsURL))
  }

  /// Prometheus text format parsed by prometheus_client.
  static func parse(_ text: String) async throws -> [Sample] {
    let parser = DooordbProcess.repositoryRoot.appendingPathComponent(
      "scripts/parse-prometheus-text")
    let parsed = try await runPiped(["python3", parser.path], input: text)
    try #require(parsed.status == 0, "prometheus_client could not parse /metrics:\n\(text)")
    return try JSONDecoder().decode([Sample].self, from: parsed.output)
  }

  func value(_ name: String, _ labels: [String: String] = [:]) async throws -> Double? {
    try await samples().first { sample in
      sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
    }?.value
  }

  /// The sum of every series of `name` (a counter over all its results, say).
  func total(_ name: String) async throws -> Double {
    try await samples().filter { $0.name == name }.map(\.value).reduce(0, +)
  }

  /// Waits until `condition` holds on the metrics, at most `limit`; returns how long it took.
  @discardableResult
  func waitUntil(
    _ what: String, within limit: Duration = .seconds(30), _ condition: () async throws -> Bool
  ) async throws -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    while clock.now - start < limit {
      if try await condition() { return clock.now - start }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("not within \(limit): \(what)")
    return clock.now - start
  }

  /// SIGTERM, as a CI cancellation or `kubectl delete` sends; SIGINT as Ctrl-C does. A
  /// reconciler that has not ended `within` the limit is killed and the test fails.
  func stop(with signal: Int32 = SIGTERM, within limit: Duration = .seconds(20)) async
    -> DooordbProcess.Result
  {
    kill(process.process.processIdentifier, signal)
    let running = process.process
    let watchdog = Task {
      try? await Task.sleep(for: limit)
      guard !Task.isCancelled, running.isRunning else { return }
      Issue.record("reconcile did not end within \(limit) of signal \(signal)")
      kill(running.processIdentifier, SIGKILL)
    }
    defer { watchdog.cancel() }
    return await process.wait()
  }

  /// For `defer` right after `start`: a test that fails before its `stop` must not leave a
  /// reconciler cycling.
  func killIfRunning() {
    if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) }
  }

  /// reconcile's json log (`--log-format json`): one object per line.
  static func jsonLines(_ stderr: String) -> [[String: Any]] {
    stderr.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }
}
