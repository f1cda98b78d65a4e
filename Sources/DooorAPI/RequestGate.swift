import DooorCore

/// The one gate every request of a client passes before it is sent. A 429 closes it for the
/// `Retry-After` time, so every concurrent request waits, not only the one that was refused.
actor RequestGate {
  private let clock: ElapsedTime
  private var closedUntil: Duration = .zero

  init(time: ElapsedTime) {
    clock = time
  }

  /// Returns true when the gate is open; false at once when it stays closed for `limit` or
  /// longer (the caller's deadline comes first).
  func waitUntilOpen(within limit: Duration? = nil) async throws -> Bool {
    let start = clock.now
    // Loop: another 429 may extend the pause while this request was waiting.
    while true {
      let remaining = closedUntil - clock.now
      if remaining <= .zero { return true }
      if let limit, clock.now - start + remaining >= limit { return false }
      try await clock.sleep(for: remaining)
    }
  }

  /// Closes the gate for `duration` from now, unless it is already closed for longer.
  func close(for duration: Duration) {
    closedUntil = max(closedUntil, clock.now + duration)
  }
}
