/// The time the caller has left for the requests it makes from this task, retries and pauses
/// between them included. apply bounds each database's step by `--timeout`; the transport reads
/// this so that no try starts, and no pause lasts, past that deadline.
public enum RequestDeadline {
  /// How long until the deadline, read afresh before every try and pause; nil means none.
  @TaskLocal public static var timeLeft: (@Sendable () -> Duration)?
}
