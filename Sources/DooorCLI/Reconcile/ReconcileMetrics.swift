import DooorAPI
import DooorCore
import Foundation
import Metrics
import Prometheus
import Synchronization

/// What `reconcile` reports to Prometheus, through swift-metrics with swift-prometheus as its
/// backend. Label values are bounded: workspaces, kinds, results, policies, routes and status
/// codes; database slugs only for databases that drift, and only while they do.
final class ReconcileMetrics: Sendable {
  let registry: PrometheusCollectorRegistry
  private let factory: PrometheusMetricsFactory
  private let state = Mutex(State())

  private struct State {
    var driftCounts: Set<[String]> = []
    var drifting: [DriftEntry: Metrics.Gauge] = [:]
    var policies: Set<String> = []
  }

  init() {
    registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]
    self.factory = factory
  }

  /// The text Prometheus scrapes.
  func exposition() -> [UInt8] {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    return buffer
  }

  func cycleEnded(result: String, duration: Duration) {
    Metrics.Counter(
      label: "dooordb_reconcile_cycles_total", dimensions: [("result", result)], factory: factory
    )
    .increment()
    Metrics.Timer(label: "dooordb_reconcile_cycle_duration_seconds", factory: factory)
      .recordNanoseconds(duration.nanoseconds)
  }

  func cycleSucceeded(at date: Date) {
    Metrics.Gauge(label: "dooordb_reconcile_last_success_timestamp_seconds", factory: factory)
      .record(date.timeIntervalSince1970)
  }

  /// Databases by workspace and drift kind, and one series per drifting database.
  func drift(_ entries: Set<DriftEntry>, workspaces: [String]) {
    var counts: [[String]: Int] = [:]
    for workspace in workspaces {
      for kind in DriftEntry.Kind.allCases { counts[[workspace, kind.rawValue]] = 0 }
    }
    for entry in entries { counts[[entry.workspace, entry.kind.rawValue], default: 0] += 1 }
    state.withLock { state in
      // A workspace no longer declared goes to 0 rather than keeping its last count.
      for key in state.driftCounts where counts[key] == nil { counts[key] = 0 }
      state.driftCounts = Set(counts.keys)
      for (key, count) in counts {
        Metrics.Gauge(
          label: "dooordb_drift_databases",
          dimensions: [("workspace", key[0]), ("kind", key[1])], factory: factory
        ).record(count)
      }
      for (entry, gauge) in state.drifting where !entries.contains(entry) {
        gauge.destroy()
        state.drifting[entry] = nil
      }
      for entry in entries where state.drifting[entry] == nil {
        let gauge = Metrics.Gauge(
          label: "dooordb_drifting_database",
          dimensions: [
            ("workspace", entry.workspace), ("slug", entry.slug), ("kind", entry.kind.rawValue),
          ],
          factory: factory)
        gauge.record(1)
        state.drifting[entry] = gauge
      }
    }
  }

  /// Violations by policy in the last cycle.
  func policyViolations(_ counts: [String: Int]) {
    state.withLock { state in
      for policy in state.policies.union(counts.keys) {
        Metrics.Gauge(
          label: "dooordb_policy_violations", dimensions: [("policy", policy)], factory: factory
        )
        .record(counts[policy] ?? 0)
      }
      state.policies.formUnion(counts.keys)
    }
  }

  func actionApplied(_ action: String) {
    Metrics.Counter(
      label: "dooordb_actions_applied_total", dimensions: [("action", action)], factory: factory
    )
    .increment()
  }

  /// One API request, by route (ids replaced by placeholders) and status.
  func apiRequest(_ entry: HTTPRequestLogEntry) {
    Metrics.Counter(
      label: "dooordb_api_requests_total",
      dimensions: [
        ("method", entry.method), ("route", Self.route(of: entry.path)),
        ("status", entry.status.map(String.init) ?? "none"),
      ], factory: factory
    ).increment()
  }

  /// `/workspaces/{workspace}/databases/{id}/status` for any workspace and id.
  static func route(of path: String) -> String {
    let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    var parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard let workspaces = parts.firstIndex(of: "workspaces") else { return "other" }
    parts = Array(parts[workspaces...])
    if parts.count > 1 { parts[1] = "{workspace}" }
    if parts.count > 3 { parts[3] = "{id}" }
    guard parts.count <= 5 else { return "other" }
    return "/" + parts.joined(separator: "/")
  }
}

extension Duration {
  var nanoseconds: Int64 {
    components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
  }
}
