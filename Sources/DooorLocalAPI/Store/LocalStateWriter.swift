import Foundation

/// Writes the local API's state with group commit: a request that changed the state waits
/// until a write that includes its change is on disk, and requests that arrive while a write
/// is running share the next one. Without it every create rewrote (and fsynced) the whole
/// file, which made n creates cost O(n²) and a 10,000-database seed take minutes.
actor LocalStateWriter {
  private let url: URL
  /// The newest state not yet handed to a write, and who waits for it.
  private var pending: LocalAPIState?
  private var waiters: [CheckedContinuation<Void, any Error>] = []
  private var isWriting = false

  init(url: URL) {
    self.url = url
  }

  /// Returns once `state`, or a newer one, is durably written.
  func save(_ state: LocalAPIState) async throws {
    pending = state
    try await withCheckedThrowingContinuation { continuation in
      waiters.append(continuation)
      if !isWriting {
        isWriting = true
        Task { await drain() }
      }
    }
  }

  private func drain() async {
    while let state = pending {
      let batch = waiters
      pending = nil
      waiters = []
      let url = url
      // Off the actor, so saves arriving meanwhile queue up for the next write.
      let result = await Task.detached { Result { try LocalStateFile.save(state, to: url) } }
        .value
      for waiter in batch { waiter.resume(with: result) }
    }
    isWriting = false
  }
}
