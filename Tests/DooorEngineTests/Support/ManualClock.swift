import DooorEngine
import Synchronization

/// A clock for tests whose sleeps return at once, moving time forward by what was asked: hours
/// of polling and timeouts run in milliseconds, and nothing depends on the machine's speed.
final class ManualClock: EngineClock {
  private let current = Mutex(Duration.zero)
  private let sleeps = Mutex(0)

  var now: Duration { current.withLock { $0 } }
  /// How many times something slept on this clock.
  var sleepCount: Int { sleeps.withLock { $0 } }

  func advance(by duration: Duration) {
    current.withLock { $0 += duration }
  }

  func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    sleeps.withLock { $0 += 1 }
    advance(by: duration)
    // Let the other tasks run, as a real sleep would.
    await Task.yield()
  }
}

/// A clock whose sleeps last until the sleeping task is cancelled (or `release()` is called):
/// shows that a stop abandons readiness waits instead of sleeping them out.
final class StuckClock: EngineClock {
  private struct State {
    var released = false
    var sleepers: [Int: CheckedContinuation<Void, Never>] = [:]
    var nextID = 0
    var sleepsEndedByRelease = 0
  }

  private let state = Mutex(State())

  var now: Duration { .zero }
  /// Sleeps that ended because `release()` was called rather than by cancellation.
  var sleepsEndedByRelease: Int { state.withLock { $0.sleepsEndedByRelease } }
  /// Sleeps under way now.
  var sleeperCount: Int { state.withLock { $0.sleepers.count } }

  func release() {
    let sleepers = state.withLock { state in
      state.released = true
      state.sleepsEndedByRelease += state.sleepers.count
      defer { state.sleepers = [:] }
      return state.sleepers
    }
    for sleeper in sleepers.values { sleeper.resume() }
  }

  func sleep(for duration: Duration) async throws {
    let id = state.withLock { state in
      defer { state.nextID += 1 }
      return state.nextID
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state in
          if state.released || Task.isCancelled { return true }
          state.sleepers[id] = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
      sleeper?.resume()
    }
    try Task.checkCancellation()
  }
}
