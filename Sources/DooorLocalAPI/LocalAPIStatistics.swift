import Synchronization

/// How many requests and connections the server has seen, for benchmarks and tests. Served
/// as JSON at `/_local/stats` (outside the API, no key needed).
public final class LocalAPIStatistics: Sendable {
  public static let path = "/_local/stats"

  /// A point-in-time copy.
  public struct Snapshot: Codable, Sendable, Hashable {
    public var requests: Int
    public var connections: Int
    /// API requests by HTTP method (`GET`, `POST`, ...).
    public var requestsByMethod: [String: Int] = [:]
    /// Answers by endpoint and status, as `create 201`, `list 503`, ...
    public var answersByEndpoint: [String: Int] = [:]
    /// Create requests by `WORKSPACE/SLUG`, whatever their answer.
    public var createAttemptsBySlug: [String: Int] = [:]
    /// Databases actually made (201) by `WORKSPACE/SLUG`: more than 1 means a duplicate create.
    public var createsBySlug: [String: Int] = [:]
  }

  private let counts = Mutex(Snapshot(requests: 0, connections: 0))

  public init() {}

  public func snapshot() -> Snapshot { counts.withLock { $0 } }
  func countRequest(method: String) {
    counts.withLock {
      $0.requests += 1
      $0.requestsByMethod[method, default: 0] += 1
    }
  }
  func countConnection() { counts.withLock { $0.connections += 1 } }

  func countAnswer(endpoint: LocalAPIEndpoint?, status: Int, createdSlug: String?) {
    counts.withLock {
      $0.answersByEndpoint["\(endpoint?.rawValue ?? "other") \(status)", default: 0] += 1
      if let createdSlug {
        $0.createAttemptsBySlug[createdSlug, default: 0] += 1
        if status == 201 { $0.createsBySlug[createdSlug, default: 0] += 1 }
      }
    }
  }
}
