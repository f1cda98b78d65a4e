/// Everything `HTTPDatabaseAPI` needs to know besides the requests themselves.
public struct HTTPDatabaseAPIConfiguration: Sendable {
  public static let defaultBaseURL = "https://os-develop.dooor.ai/api/v1"
  public static let defaultRequestTimeout = Duration.seconds(30)

  /// The API root, e.g. `https://os-develop.dooor.ai/api/v1`.
  public var baseURL: String
  /// Sent as `Authorization: Bearer …`; never logged, never put in an error.
  public var apiKey: String
  /// The longest one try of a request may take, its whole answer included.
  public var requestTimeout: Duration
  public var connectTimeout: Duration
  public var retryPolicy: RetryPolicy
  /// Where `https_proxy`/`no_proxy` are read from.
  public var environment: [String: String]
  /// What retries and the shared gate wait on.
  public var clock: any Clock<Duration>
  /// A number in 0..<1 for backoff jitter; injectable so tests are deterministic.
  public var unitRandom: @Sendable () -> Double
  /// Receives one entry per try (`--verbose`).
  public var log: (@Sendable (HTTPRequestLogEntry) -> Void)?

  public init(
    baseURL: String = defaultBaseURL, apiKey: String,
    requestTimeout: Duration = defaultRequestTimeout,
    connectTimeout: Duration = .seconds(5), retryPolicy: RetryPolicy = .standard,
    environment: [String: String] = [:], clock: any Clock<Duration> = ContinuousClock(),
    unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    log: (@Sendable (HTTPRequestLogEntry) -> Void)? = nil
  ) {
    self.baseURL = baseURL
    self.apiKey = apiKey
    self.requestTimeout = requestTimeout
    self.connectTimeout = connectTimeout
    self.retryPolicy = retryPolicy
    self.environment = environment
    self.clock = clock
    self.unitRandom = unitRandom
    self.log = log
  }
}
