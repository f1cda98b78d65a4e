import DooorCore

/// How a step stopped short of done.
enum StepEnd: Error, Sendable, Hashable {
  case failed(String)
  /// Apply was stopped while the step was under way.
  case interrupted
  /// Apply was stopped before the step sent anything.
  case notStarted
}

/// What a finished step hands back to the executor.
struct StepResult: Sendable, Hashable {
  var outcome: ApplyOutcome
  var reason: String?
  var duration: Duration?
  var databaseID: String?
  var lastStatus: DatabaseStatus?
}

/// The services a step uses, shared by every step of one apply.
struct StepEnvironment: Sendable {
  let api: any DatabaseAPI
  /// Apply's clock: the time since the apply began.
  let clock: ElapsedTime
  let stop: StopSignal
  let observer: any ApplyObserver
  let options: ApplyOptions
  /// When the apply began, on `clock`.
  let applyStart: Duration
  /// Trips when the API stops answering; stops the run like `stop`.
  let breaker: UnreachableAPIBreaker

  var isStopping: Bool { stop.isRequested || Task.isCancelled || breaker.isTripped }
}
