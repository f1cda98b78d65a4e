/// The one gate every request of a client passes before it is sent. A 429 closes it for the
/// `Retry-After` time, so every concurrent request waits, not only the one that was refused.
actor RequestGate {
  private let clock: any APIClock
  private var closedUntil: Duration = .zero

  init(clock: any APIClock) {
    self.clock = clock
  }

  /// Returns when the gate is open; how long it waited.
  @discardableResult
  func waitUntilOpen() async throws -> Duration {
    var waited = Duration.zero
    // Loop: another 429 may extend the pause while this request was waiting.
    while true {
      let remaining = closedUntil - clock.now()
      if remaining <= .zero { return waited }
      try await clock.sleep(for: remaining)
      waited += remaining
    }
  }

  /// Closes the gate for `duration` from now, unless it is already closed for longer.
  func close(for duration: Duration) {
    closedUntil = max(closedUntil, clock.now() + duration)
  }
}
