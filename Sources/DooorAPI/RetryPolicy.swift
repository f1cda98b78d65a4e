/// How often and how patiently a request is tried again after a retryable failure.
public struct RetryPolicy: Sendable, Hashable {
  /// Tries in all, the first included.
  public var maxAttempts: Int
  public var baseDelay: Duration
  public var maxDelay: Duration
  /// The longest `Retry-After` honoured; a larger one is capped so a run cannot hang for hours.
  public var maxRetryAfter: Duration
  /// Tries when the connection cannot be made at all. Few: a refused or unreachable API is
  /// said at once rather than after a minute of reconnecting (the HTTP client itself does not
  /// reconnect: these tries are the only ones).
  public var maxConnectAttempts: Int
  /// Tries of the whole client in a row, across requests, that got no answer at all (timed
  /// out, or could not connect) after which such a try is not made again. A hung API would
  /// otherwise cost every request `maxAttempts` × the request timeout before apply's breaker
  /// hears of one failure; with this, the requests in flight give up within a few request
  /// timeouts of the API going silent (the bound for a whole apply: docs/apply.md).
  public var maxUnansweredTriesInARow: Int

  public init(
    maxAttempts: Int = 6, baseDelay: Duration = .milliseconds(250),
    maxDelay: Duration = .seconds(10), maxRetryAfter: Duration = .seconds(60),
    maxConnectAttempts: Int = 2, maxUnansweredTriesInARow: Int = 3
  ) {
    self.maxAttempts = maxAttempts
    self.maxConnectAttempts = maxConnectAttempts
    self.maxUnansweredTriesInARow = maxUnansweredTriesInARow
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
  }

  public static let standard = RetryPolicy()
  public static let none = RetryPolicy(maxAttempts: 1)

  /// The wait before try number `attempt + 1` after try `attempt` failed: the server's
  /// `Retry-After` when given, else exponential backoff with full jitter (`unitRandom` in 0..<1),
  /// so clients that failed together do not come back together.
  public func delay(afterAttempt attempt: Int, retryAfter: Duration?, unitRandom: Double)
    -> Duration
  {
    if let retryAfter { return min(max(retryAfter, .zero), maxRetryAfter) }
    let exponent = min(max(attempt - 1, 0), 30)
    let ceiling = min(baseDelay * (1 << exponent), maxDelay)
    // Half fixed, half random: never zero, never more than the ceiling.
    return ceiling / 2 + ceiling / 2 * min(max(unitRandom, 0), 1)
  }
}
