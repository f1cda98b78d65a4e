/// A standard `Clock` read as the time since a fixed start, so deadlines and pauses are plain
/// `Duration` arithmetic whatever the clock: the real continuous one, or a test's. The core
/// never reads one; the edges that wait (apply, the API client, the local API) do, through this.
public struct ElapsedTime: Sendable {
  private let read: @Sendable () -> Duration
  private let pause: @Sendable (Duration) async throws -> Void

  /// Time starts now, on `clock`.
  public init(_ clock: any Clock<Duration>) {
    self.init(opening: clock)
  }

  private init(opening clock: some Clock<Duration>) {
    let start = clock.now
    read = { start.duration(to: clock.now) }
    pause = { try await clock.sleep(for: $0) }
  }

  /// Time since the start.
  public var now: Duration { read() }

  /// Suspends for `duration` on the clock; throws `CancellationError` when the task is cancelled.
  public func sleep(for duration: Duration) async throws {
    try await pause(duration)
  }
}
