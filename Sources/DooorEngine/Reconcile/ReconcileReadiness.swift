/// Whether a reconciler is ready (`/readyz`): its last cycle reached the API, and the cycle
/// under way, if any, has heard from the API within an interval. Without the second half, a
/// cycle stuck on an API that accepts connections and never answers would leave the last
/// cycle's "ready" standing for as long as its retries take (minutes); counting from the last
/// answer rather than the cycle's start keeps a long apply, which polls the API as it waits
/// for a database, ready.
public struct ReconcileReadiness<Instant: InstantProtocol>: Sendable
where Instant.Duration == Duration {
  public let interval: Duration
  private var reachedAPI = false
  private var cycleStart: Instant?
  private var lastAnswer: Instant?

  public init(interval: Duration) {
    self.interval = interval
  }

  public mutating func cycleStarted(at instant: Instant) {
    cycleStart = instant
  }

  /// The cycle under way read the API, or failed to; a cycle that ends before trying (invalid
  /// manifests) leaves the last answer.
  public mutating func cycleReachedAPI(_ reached: Bool) {
    reachedAPI = reached
  }

  /// The API answered a request (any status): it is not hung.
  public mutating func apiAnswered(at instant: Instant) {
    lastAnswer = instant
  }

  public mutating func cycleEnded() {
    cycleStart = nil
  }

  public func isReady(at now: Instant) -> Bool {
    guard reachedAPI else { return false }
    guard let cycleStart else { return true }
    let heard = lastAnswer.map { max($0, cycleStart) } ?? cycleStart
    return heard.duration(to: now) <= interval
  }
}
