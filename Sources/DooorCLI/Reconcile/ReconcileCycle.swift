import DooorAPI
import DooorCore
import DooorEngine
import Foundation
import Logging
import Synchronization

/// One reconcile cycle: re-read the manifests (a new checkout is picked up), read the API,
/// plan, report drift, and in apply mode apply a plan that destroys nothing. A cycle never
/// throws: what went wrong is its result, in the log and the metrics.
final class ReconcileCycle: Sendable {
  let selection: ManifestSelection
  let policies: PolicySelection
  let api: any DatabaseAPI
  let mode: Dooordb.Reconcile.Mode
  let metrics: ReconcileMetrics
  let readiness: MetricsServer.Readiness
  let logger: Logger
  let applyOptions: ApplyOptions
  /// The drift the previous cycle found, so each drift is logged when it starts and ends.
  private let previousDrift = Mutex<Set<DriftEntry>>([])

  init(
    selection: ManifestSelection, policies: PolicySelection, api: any DatabaseAPI,
    mode: Dooordb.Reconcile.Mode,
    metrics: ReconcileMetrics, readiness: MetricsServer.Readiness, logger: Logger,
    applyOptions: ApplyOptions
  ) {
    self.selection = selection
    self.policies = policies
    self.api = api
    self.mode = mode
    self.metrics = metrics
    self.readiness = readiness
    self.logger = logger
    self.applyOptions = applyOptions
  }

  func run() async {
    let started = ContinuousClock.now
    let result = await outcome()
    metrics.cycleEnded(result: result, duration: ContinuousClock.now - started)
  }

  /// The cycle's result: `no_drift`, `drift`, `applied`, `apply_failed`, `refused_destructive`,
  /// `refused_policy`, `invalid_manifests` or `api_error`.
  private func outcome() async -> String {
    let loaded = await selection.load { _ in }
    let loadedPolicies = policies.load()
    guard loaded.isValid, loadedPolicies.isValid else {
      // A bad commit: report it where it is, apply nothing, keep serving.
      for diagnostic in loaded.errors + loadedPolicies.diagnostics.filter({ $0.severity == .error })
      {
        logger.error("invalid manifest", metadata: ["diagnostic": "\(diagnostic)"])
      }
      return "invalid_manifests"
    }
    let observation: ObservedStateReader.Observation
    do {
      observation = try await ObservedStateReader(api: api).read(for: loaded.desired)
    } catch {
      readiness.set(false)
      if !Task.isCancelled {
        logger.error("the API could not be read", metadata: ["error": "\(error)"])
      }
      return "api_error"
    }
    readiness.set(true)
    let report = DriftDetector.report(
      desired: loaded.desired, observed: observation.observed, policies: loadedPolicies.policies)
    record(report, workspaces: loaded.desired.workspaces.map(\.name))
    metrics.policyViolations(
      Dictionary(grouping: report.policy?.violations ?? [], by: \.policy).mapValues(\.count))
    metrics.cycleSucceeded(at: Date())
    guard report.hasDrift else { return "no_drift" }
    guard mode == .apply else { return "drift" }
    let plan = Planner.plan(
      desired: loaded.desired, observed: observation.observed,
      options: PlanOptions(policies: loadedPolicies.policies))
    guard plan.hasChanges, !plan.hasErrors else { return "drift" }
    guard !plan.hasDestructiveChanges else {
      let destructive = plan.changes.filter(\.isDestructive).map {
        "\($0.action.rawValue) \($0.reference)"
      }
      logger.warning(
        "a destructive plan was not applied",
        metadata: ["changes": "\(destructive.joined(separator: ", "))"])
      return "refused_destructive"
    }
    // The same decision `apply` asks: errors and mandatory violations refuse the plan.
    if case .refuse(let refusals) = ApplyDecision.decide(
      plan, permissions: .init(allowDestroy: false, maxDestroy: 0))
    {
      logger.warning(
        "a plan was not applied",
        metadata: ["reasons": "\(refusals.map(\.description).joined(separator: "; "))"])
      return "refused_policy"
    }
    let executor = PlanExecutor(
      api: api, options: applyOptions, observer: ClosureApplyObserver { _ in },
      stopSignal: StopSignal())
    let applied = await executor.apply(plan)
    for entry in applied.entries where entry.outcome == .done {
      metrics.actionApplied(entry.action.rawValue)
      logger.info(
        "applied",
        metadata: ["action": "\(entry.action.rawValue)", "database": "\(entry.reference)"])
    }
    return applied.succeeded ? "applied" : "apply_failed"
  }

  private func record(_ report: DriftReport, workspaces: [String]) {
    let current = report.entries
    let transitions = previousDrift.withLock { previous in
      defer { previous = current }
      return DriftTransitions(previous: previous, current: current)
    }
    for entry in transitions.started {
      logger.warning("drift started", metadata: Self.metadata(entry))
    }
    for entry in transitions.ended {
      logger.info("drift ended", metadata: Self.metadata(entry))
    }
    metrics.drift(current, workspaces: workspaces)
  }

  private static func metadata(_ entry: DriftEntry) -> Logger.Metadata {
    ["workspace": "\(entry.workspace)", "slug": "\(entry.slug)", "kind": "\(entry.kind.rawValue)"]
  }
}
