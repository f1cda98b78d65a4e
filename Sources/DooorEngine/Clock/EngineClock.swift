/// The time source apply waits on: injected so tests can run hours of polling in milliseconds.
public protocol EngineClock: Sendable {
  /// Time since a fixed, arbitrary origin; only differences between two readings mean anything.
  var now: Duration { get }
  /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
  func sleep(for duration: Duration) async throws
}

/// The real clock: monotonic, unaffected by wall-clock changes, counting while the machine sleeps.
public struct ContinuousEngineClock: EngineClock {
  private let clock = ContinuousClock()
  private let origin: ContinuousClock.Instant

  public init() {
    origin = clock.now
  }

  public var now: Duration { clock.now - origin }

  public func sleep(for duration: Duration) async throws {
    try await clock.sleep(for: duration)
  }
}
