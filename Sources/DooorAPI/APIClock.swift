/// The time source and sleeper behind retries, backoff and the shared gate, injected so tests
/// run in milliseconds without sleeping.
public protocol APIClock: Sendable {
  /// Time since an arbitrary fixed start; only differences matter.
  func now() -> Duration
  func sleep(for duration: Duration) async throws
}

/// Real time from the monotonic clock.
public struct SystemAPIClock: APIClock {
  private let start = ContinuousClock.now

  public init() {}

  public func now() -> Duration { ContinuousClock.now - start }

  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}
