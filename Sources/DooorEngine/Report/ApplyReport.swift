public import DooorCore

/// What an apply achieved, returned even when it failed or was stopped: the last value of the
/// pipeline (`Manifest` → `DesiredState` → `Plan` → `ApplyReport`).
public struct ApplyReport: Sendable, Hashable {
  /// One database's step and how it ended.
  public struct Entry: Sendable, Hashable {
    public var reference: DatabaseReference
    public var action: ApplyAction
    public var outcome: ApplyOutcome
    /// Why it failed, was skipped or did not finish; nil when done.
    public var reason: String?
    /// From start to end of the step; nil when it never started.
    public var duration: Duration?
    /// The database's id as known at the end: the new one after a create or replace.
    public var databaseID: String?
    /// The status last seen, which is what a timed-out or interrupted database was doing.
    public var lastStatus: DatabaseStatus?

    public init(
      reference: DatabaseReference, action: ApplyAction, outcome: ApplyOutcome,
      reason: String? = nil, duration: Duration? = nil, databaseID: String? = nil,
      lastStatus: DatabaseStatus? = nil
    ) {
      self.reference = reference
      self.action = action
      self.outcome = outcome
      self.reason = reason
      self.duration = duration
      self.databaseID = databaseID
      self.lastStatus = lastStatus
    }
  }

  /// In plan order, then the waits for dependencies that were not ready.
  public var entries: [Entry]
  public var wallTime: Duration
  /// True when a stop (Ctrl-C) was requested during the run.
  public var interrupted: Bool
  /// Why apply stopped on its own before everything was tried (the API stopped answering).
  public var stopReason: String?

  public init(
    entries: [Entry], wallTime: Duration, interrupted: Bool, stopReason: String? = nil
  ) {
    self.entries = entries
    self.wallTime = wallTime
    self.interrupted = interrupted
    self.stopReason = stopReason
  }

  public func count(of outcome: ApplyOutcome) -> Int {
    entries.count { $0.outcome == outcome }
  }

  /// How many steps ended each way; every outcome is a key.
  public var totals: [ApplyOutcome: Int] {
    Dictionary(uniqueKeysWithValues: ApplyOutcome.allCases.map { ($0, count(of: $0)) })
  }

  /// Every step done (an empty plan succeeds).
  public var succeeded: Bool { entries.allSatisfy { $0.outcome == .done } }

  /// Databases the API may still be working on when apply returned: interrupted steps, and
  /// failed ones last seen in a transitional status (a timeout).
  public var stillInProgress: [Entry] {
    entries.filter { entry in
      switch entry.outcome {
      case .interrupted:
        return true
      case .failed:
        switch entry.lastStatus {
        case .provisioning, .updating, .deleting, .unknown: return true
        case .ready, .error, nil: return false
        }
      case .done, .skipped, .notStarted:
        return false
      }
    }
  }
}
