import Synchronization

/// The tests' one clock: a standard `Clock` on virtual time, so hours of polling, backoff and
/// timeouts run in milliseconds and nothing depends on the machine's speed.
///
/// Stepped (the default), time moves only when a test advances it, and sleepers wake when the
/// time they wait for is reached, each at its own deadline, however many sleep at once.
/// Advancing by sleeping, a sleep returns at once and moves time on to its deadline, never
/// further. A `sleep(for:)` counts from the time it is called, so pauses that tasks take one
/// after another in this mode add up even when real tasks would overlap them: a test that
/// asserts how long concurrent work takes uses the stepped mode (`advance`, `waitForSleepers`).
public final class SteppedClock: Clock, Sendable {
  public struct Instant: InstantProtocol {
    public var offset: Duration
    public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    public func duration(to other: Instant) -> Duration { other.offset - offset }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  private struct Sleeper {
    var deadline: Instant
    var continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var now = Instant(offset: .zero)
    var sleepers: [Int: Sleeper] = [:]
    var nextID = 0
    /// What each sleep asked for, in order.
    var sleeps: [Duration] = []
    /// Tests waiting until this many tasks sleep.
    var sleeperWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// The waiters whose count of sleepers is reached, taken out of the list.
    mutating func satisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
      let count = sleepers.count
      let ready = sleeperWaiters.filter { count >= $0.count }.map(\.continuation)
      sleeperWaiters.removeAll { count >= $0.count }
      return ready
    }
  }

  private let state = Mutex(State())
  private let advancesBySleeping: Bool

  public init(advancesBySleeping: Bool = false) {
    self.advancesBySleeping = advancesBySleeping
  }

  public var now: Instant { state.withLock { $0.now } }
  public var minimumResolution: Duration { .zero }
  /// The time since the clock was made.
  public var elapsed: Duration { now.offset }
  /// Sleeps under way now.
  public var sleeperCount: Int { state.withLock { $0.sleepers.count } }
  /// What every sleep so far asked for, in order.
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    try Task.checkCancellation()
    if advancesBySleeping {
      state.withLock { state in
        state.sleeps.append(state.now.duration(to: deadline))
        state.now = max(state.now, deadline)
      }
      // A real sleep suspends: let the other tasks run before this one goes on.
      await Task.yield()
      return
    }
    let id = state.withLock { state in
      defer { state.nextID += 1 }
      state.sleeps.append(state.now.duration(to: deadline))
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, any Error>) in
        let (outcome, waiters) = state.withLock {
          state -> (Result<Void, any Error>?, [CheckedContinuation<Void, Never>]) in
          if Task.isCancelled { return (.failure(CancellationError()), []) }
          if deadline <= state.now { return (.success(()), []) }
          state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
          return (nil, state.satisfiedWaiters())
        }
        for waiter in waiters { waiter.resume() }
        if let outcome { continuation.resume(with: outcome) }
      }
    } onCancel: {
      let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Moves time forward and wakes every sleeper whose deadline has come.
  public func advance(by duration: Duration) {
    let woken = state.withLock { state in
      state.now = state.now.advanced(by: duration)
      let due = state.sleepers.filter { $0.value.deadline <= state.now }
      for id in due.keys { state.sleepers[id] = nil }
      return due.values.sorted { $0.deadline < $1.deadline }
    }
    for sleeper in woken { sleeper.continuation.resume() }
  }

  /// Returns once `count` tasks sleep on this clock: the code under test has done everything
  /// it can do at the current time.
  public func waitForSleepers(_ count: Int) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let ready = state.withLock { state in
        guard state.sleepers.count < count else { return true }
        state.sleeperWaiters.append((count, continuation))
        return false
      }
      if ready { continuation.resume() }
    }
  }
}
