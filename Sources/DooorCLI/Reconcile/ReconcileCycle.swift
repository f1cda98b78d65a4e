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
  /// The last cycle's problems, so a bad commit or an API outage is logged when it starts or
  /// changes, not every interval.
  private let problems = RepeatedProblems()

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
    readiness.cycleStarted()
    let result = await outcome()
    readiness.cycleEnded()
    metrics.cycleEnded(result: result, duration: ContinuousClock.now - started)
  }

  /// The cycle's result, in the log and the metrics.
  private func outcome() async -> ReconcileResult {
    let loaded = await selection.load()
    let loadedPolicies = policies.load()
    guard loaded.isValid, loadedPolicies.isValid else {
      // A bad commit: report it where it is, apply nothing, keep serving.
      let errors = loaded.errors + loadedPolicies.diagnostics.filter { $0.severity == .error }
      problems.report(errors.map(\.description)) {
        for diagnostic in errors {
          logger.error("invalid manifest", metadata: Self.metadata(diagnostic))
        }
      }
      return .invalidManifests
    }
    let observation: ObservedStateReader.Observation
    do {
      observation = try await ObservedStateReader(api: api).read(for: loaded.desired)
    } catch {
      readiness.cycleReachedAPI(false)
      if !Task.isCancelled {
        problems.report(["\(error)"]) {
          logger.error("the API could not be read", metadata: ["error": "\(error)"])
        }
      }
      return .apiError
    }
    readiness.cycleReachedAPI(true)
    let report = DriftDetector.report(
      desired: loaded.desired, observed: observation.observed, policies: loadedPolicies.policies)
    record(report, workspaces: loaded.desired.workspaces.map(\.name))
    metrics.policyViolations(Self.counts(report.policy), scope: .live)
    metrics.cycleSucceeded(at: Date())
    guard mode == .apply else {
      problems.report([]) {}
      return report.hasDrift ? .drift : .noDrift
    }
    guard report.hasDrift else {
      metrics.policyViolations([:], scope: .plan)
      problems.report([]) {}
      return .noDrift
    }
    let plan = Planner.plan(
      desired: loaded.desired, observed: observation.observed,
      options: PlanOptions(policies: loadedPolicies.policies))
    metrics.policyViolations(Self.counts(plan.policy), scope: .plan)
    // The same decision `apply` asks, without --allow-destroy: errors, deletes and replaces,
    // and mandatory violations refuse the plan.
    switch ApplyDecision.decide(plan, permissions: .init(allowDestroy: false)) {
    case .refuse(let refusals):
      let result = ReconcileResult.refused(refusals)
      let reasons = refusals.map(Self.reason)
      problems.report(reasons + plan.errors.map(\.description)) {
        logger.warning(
          "a plan was not applied",
          metadata: [
            "result": "\(result.rawValue)", "reasons": "\(reasons.joined(separator: "; "))",
          ])
        for diagnostic in plan.errors {
          logger.warning("plan error", metadata: Self.metadata(diagnostic))
        }
      }
      return result
    case .nothingToDo, .apply:
      problems.report([]) {}
      // Only databases still becoming ready: nothing to apply, the drift is reported.
      guard plan.hasChanges else { return .drift }
    }
    let executor = PlanExecutor(
      api: api, options: applyOptions, observer: ClosureApplyObserver { _ in },
      stopSignal: StopSignal())
    let applied = await executor.apply(plan)
    for entry in applied.entries {
      let metadata: Logger.Metadata = [
        "action": "\(entry.action.rawValue)", "database": "\(entry.reference)",
      ]
      guard entry.outcome == .done else {
        // A change that failed, or that a stop interrupted, may or may not have landed: the
        // next cycle's plan shows which.
        logger.warning(
          "not applied",
          metadata: metadata.merging(
            ["outcome": "\(entry.outcome.rawValue)", "reason": "\(entry.reason ?? "none")"],
            uniquingKeysWith: { $1 }))
        continue
      }
      metrics.actionApplied(entry.action.rawValue)
      logger.info("applied", metadata: metadata)
    }
    return applied.succeeded ? .applied : .applyFailed
  }

  /// Why a plan was refused, as reconcile (which has no --allow-destroy) says it.
  private static func reason(_ refusal: ApplyRefusal) -> String {
    guard case .destructiveNotAllowed(let changes) = refusal else { return refusal.description }
    return "the plan deletes or replaces databases (\(changes.joined(separator: ", "))),"
      + " which reconcile never applies"
  }

  private static func counts(_ report: PolicyReport?) -> [String: Int] {
    Dictionary(grouping: report?.violations ?? [], by: \.policy).mapValues(\.count)
  }

  /// A located problem as the error documents show it: `error` with `file`, `line`, `column`
  /// and `message` (the location left out when no file is to blame).
  static func metadata(_ diagnostic: Diagnostic) -> Logger.Metadata {
    var fields: Logger.Metadata = ["message": .string(diagnostic.message)]
    if let location = diagnostic.location {
      fields["file"] = .string(location.file)
      fields["line"] = .stringConvertible(location.line)
      fields["column"] = .stringConvertible(location.column)
    }
    return ["error": .dictionary(fields)]
  }

  private func record(_ report: DriftReport, workspaces: [String]) {
    let current = report.entries
    let transitions = previousDrift.withLock { previous in
      defer { previous = current }
      return DriftTransitions(previous: previous, current: current)
    }
    for entry in transitions.started {
      logger.warning("drift started", metadata: Self.driftMetadata(entry))
    }
    for entry in transitions.ended {
      logger.info("drift ended", metadata: Self.driftMetadata(entry))
    }
    metrics.drift(current, workspaces: workspaces)
  }

  private static func driftMetadata(_ entry: DriftEntry) -> Logger.Metadata {
    ["workspace": "\(entry.workspace)", "slug": "\(entry.slug)", "kind": "\(entry.kind.rawValue)"]
  }
}
