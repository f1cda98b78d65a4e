/// The time the caller has left for the requests it makes from this task, retries and pauses
/// between them included. apply bounds each database's step by `--timeout`; the transport reads
/// this so that no try starts, and no pause lasts, past that deadline.
public enum RequestDeadline {
  /// How long until the deadline, read afresh before every try and pause.
  ///
  /// A struct around the closure, not the closure itself: a task-local whose value is an
  /// optional function crashes in optimised builds of this toolchain (swift_task_localValuePush,
  /// a bad metadata pointer), which only a release build shows.
  public struct Budget: Sendable {
    public let timeLeft: @Sendable () -> Duration

    public init(_ timeLeft: @escaping @Sendable () -> Duration) {
      self.timeLeft = timeLeft
    }
  }

  /// The caller's budget; nil means no deadline.
  @TaskLocal public static var budget: Budget?

  /// How long until the deadline; nil means none.
  public static var timeLeft: (@Sendable () -> Duration)? { budget?.timeLeft }
}
