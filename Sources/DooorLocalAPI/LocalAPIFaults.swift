import DooorCore

/// Failures the local API can be told to produce, so clients can be tested against a server
/// that misbehaves the way real ones do. All off by default.
public struct LocalAPIFaults: Sendable, Hashable {
  /// Share (0...1) of API requests answered 500.
  public var internalErrorShare: Double
  /// Share of API requests answered 503 with `Retry-After`.
  public var unavailableShare: Double
  /// Share of API requests answered 502 with an HTML page, as a failing proxy would.
  public var badGatewayShare: Double
  /// Share of API requests whose connection is closed in the middle of the answer.
  public var closeConnectionShare: Double
  /// Every this many API requests, a burst of 429 answers starts.
  public var rateLimitEvery: Int?
  /// How many consecutive requests a 429 burst refuses.
  public var rateLimitBurst: Int
  /// The `Retry-After` seconds sent with 429 and 503.
  public var retryAfterSeconds: Int
  /// Added to every API answer.
  public var latency: Duration
  /// New databases whose slug contains a match of this regular expression end in `error`.
  public var errorSlugPattern: String?
  /// Share of new databases that end in `error`.
  public var errorDatabaseShare: Double
  /// Seeds the random choices, so a run with faults can be repeated exactly.
  public var seed: UInt64
  /// The endpoints the request faults (500, 503, 502, 429, cut connections, latency) hit;
  /// nil hits all.
  /// Lets a test fail, say, only creates and see what the client does about it.
  public var endpoints: Set<LocalAPIEndpoint>?

  public init(
    internalErrorShare: Double = 0, unavailableShare: Double = 0, badGatewayShare: Double = 0,
    closeConnectionShare: Double = 0, rateLimitEvery: Int? = nil, rateLimitBurst: Int = 1,
    retryAfterSeconds: Int = 1, latency: Duration = .zero, errorSlugPattern: String? = nil,
    errorDatabaseShare: Double = 0, seed: UInt64 = 1, endpoints: Set<LocalAPIEndpoint>? = nil
  ) {
    self.endpoints = endpoints
    self.internalErrorShare = internalErrorShare
    self.unavailableShare = unavailableShare
    self.badGatewayShare = badGatewayShare
    self.closeConnectionShare = closeConnectionShare
    self.rateLimitEvery = rateLimitEvery
    self.rateLimitBurst = rateLimitBurst
    self.retryAfterSeconds = retryAfterSeconds
    self.latency = latency
    self.errorSlugPattern = errorSlugPattern
    self.errorDatabaseShare = errorDatabaseShare
    self.seed = seed
  }

  public static let none = LocalAPIFaults()

  /// Whether request faults may hit a request to `endpoint`.
  func targets(_ endpoint: LocalAPIEndpoint) -> Bool {
    endpoints?.contains(endpoint) ?? true
  }
}

/// The API's endpoints, as fault injection and statistics name them.
public enum LocalAPIEndpoint: String, Sendable, Hashable, CaseIterable, Codable {
  case list, create, get, update, delete, status, connection

  /// The endpoint a request is for, from the route the router matched (e.g.
  /// `/api/v1/workspaces/{workspace}/databases/{id}/status`); nil when it matched none.
  init?(method: String, route: String?) {
    guard let route else { return nil }
    switch (route, method) {
    case (_, "GET") where route.hasSuffix("/databases"): self = .list
    case (_, "POST") where route.hasSuffix("/databases"): self = .create
    case (_, "GET") where route.hasSuffix("/databases/{id}"): self = .get
    case (_, "PATCH") where route.hasSuffix("/databases/{id}"): self = .update
    case (_, "DELETE") where route.hasSuffix("/databases/{id}"): self = .delete
    case (_, "GET") where route.hasSuffix("/{id}/status"): self = .status
    case (_, "GET") where route.hasSuffix("/{id}/connection"): self = .connection
    default: return nil
    }
  }
}
