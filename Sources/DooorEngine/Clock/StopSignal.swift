import Synchronization

/// Asks a running apply to stop (Ctrl-C): no new actions and no new requests start, requests in
/// flight finish, readiness waits are abandoned.
///
/// Task cancellation is not used for this because it would also cut HTTP requests in flight,
/// leaving a create whose outcome nobody saw.
public final class StopSignal: Sendable {
  private struct State {
    var requested = false
    var nextWaiterID = 0
    var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
  }

  private let state = Mutex(State())

  public init() {}

  public var isRequested: Bool { state.withLock { $0.requested } }

  /// Idempotent; wakes every `wait()`.
  public func request() {
    let waiters = state.withLock { state in
      state.requested = true
      let waiters = state.waiters
      state.waiters = [:]
      return waiters
    }
    for waiter in waiters.values { waiter.resume() }
  }

  /// Returns once a stop is requested, or when the calling task is cancelled.
  public func wait() async {
    let id = state.withLock { state in
      defer { state.nextWaiterID += 1 }
      return state.nextWaiterID
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state in
          // Checked under the lock so a cancellation or request racing this registration is seen.
          if state.requested || Task.isCancelled { return true }
          state.waiters[id] = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }
}
