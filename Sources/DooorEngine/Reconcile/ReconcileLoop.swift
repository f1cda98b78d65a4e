/// When continuous reconciliation runs its cycles: one at a time, each `interval` after the
/// previous one started; a cycle that overruns delays the next (which then starts at once)
/// instead of letting cycles pile up.
public struct ReconcileSchedule<Instant: InstantProtocol>: Sendable
where Instant.Duration == Duration {
  public let interval: Duration
  public private(set) var nextStart: Instant

  public init(interval: Duration, firstStart: Instant) {
    self.interval = interval
    nextStart = firstStart
  }

  /// A cycle that started at `started` ended at `ended`; returns when the next one starts.
  public mutating func cycleEnded(started: Instant, ended: Instant) -> Instant {
    nextStart = Swift.max(started.advanced(by: interval), ended)
    return nextStart
  }
}

/// Runs reconcile cycles on a clock until its task is cancelled.
public enum ReconcileLoop {
  /// Runs `cycle` at once and then on `interval`, one at a time, until the task is cancelled
  /// (a cancellation during a cycle reaches the cycle's own requests). Returns how many
  /// cycles ran.
  @discardableResult
  public static func run<C: Clock>(
    clock: C, interval: Duration, cycle: () async -> Void
  ) async -> Int where C.Duration == Duration {
    var schedule = ReconcileSchedule(interval: interval, firstStart: clock.now)
    var cycles = 0
    while !Task.isCancelled {
      do {
        try await clock.sleep(until: schedule.nextStart, tolerance: nil)
      } catch {
        break
      }
      let started = clock.now
      await cycle()
      cycles += 1
      _ = schedule.cycleEnded(started: started, ended: clock.now)
    }
    return cycles
  }
}
