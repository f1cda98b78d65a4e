import DooorAPI
import DooorCore
import DooorEngine
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
    var policies: [PolicyScope: Set<String>] = [:]
  }

  init() {
    registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]
    self.factory = factory
    // 0 until a cycle succeeds, so "no success for 3 intervals" can fire for a reconciler that
    // never succeeded since it started (a wrong URL, a revoked key), not only for one that
    // stopped succeeding.
    cycleSucceeded(at: Date(timeIntervalSince1970: 0))
    Metrics.Gauge(label: "dooordb_reconcile_start_timestamp_seconds", factory: factory)
      .record(Date().timeIntervalSince1970)
  }

  /// The text Prometheus scrapes.
  func exposition() -> [UInt8] {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    return buffer
  }

  func cycleEnded(result: ReconcileResult, duration: Duration) {
    Metrics.Counter(
      label: "dooordb_reconcile_cycles_total", dimensions: [("result", result.rawValue)],
      factory: factory
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

  /// Which state a policy was checked against: the live databases (every cycle), or the plan
  /// (apply mode), whose mandatory violations refuse it.
  enum PolicyScope: String {
    case live, plan
  }

  /// Violations by policy in the last cycle that checked `scope`.
  func policyViolations(_ counts: [String: Int], scope: PolicyScope) {
    state.withLock { state in
      let known = state.policies[scope, default: []]
      for policy in known.union(counts.keys) {
        Metrics.Gauge(
          label: "dooordb_policy_violations",
          dimensions: [("policy", policy), ("scope", scope.rawValue)], factory: factory
        )
        .record(counts[policy] ?? 0)
      }
      state.policies[scope] = known.union(counts.keys)
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
        ("method", entry.method), ("route", MetricRoute.template(entry.path)),
        ("status", entry.status.map(String.init) ?? "none"),
      ], factory: factory
    ).increment()
  }
}

extension Duration {
  var nanoseconds: Int64 {
    components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
  }
}
