/// How an apply runs: `--parallelism` and `--timeout`.
public struct ApplyOptions: Sendable, Hashable {
  /// At most this many steps at once; a step keeps its slot while it waits for readiness.
  public var parallelism: Int
  /// Bounds each database's step: waiting before it, its requests and waiting after.
  public var timeout: Duration
  /// How many times a create or another change is sent after failures that did not settle it.
  public var maximumAttempts: Int
  /// After this many API calls in a row, across all steps, got no answer at all, apply starts
  /// nothing new (`UnreachableAPIBreaker`).
  public var unansweredCallsToStop: Int

  public static let defaultUnansweredCallsToStop = 3

  public init(
    parallelism: Int = 10, timeout: Duration = .seconds(20 * 60), maximumAttempts: Int = 5,
    unansweredCallsToStop: Int = defaultUnansweredCallsToStop
  ) {
    self.parallelism = max(1, parallelism)
    self.timeout = timeout
    self.maximumAttempts = max(1, maximumAttempts)
    self.unansweredCallsToStop = max(1, unansweredCallsToStop)
  }
}
