import DooorCore
public import Foundation

/// How a local Dooor API behaves: where it keeps its state, what backs its databases, how
/// fast simulated ones become ready, which keys it accepts and which faults it injects.
public struct LocalAPIOptions: Sendable {
  /// The state file; nil keeps everything in memory.
  public var stateFile: URL?
  /// What backs new databases. Simulated unless asked: tests and benchmarks at scale must
  /// never start real servers by accident; the CLI defaults to `auto` (CONTRACT §7).
  public var engines: LocalEnginesSetting
  /// The most real servers at once.
  public var maxEngines: Int
  /// How the user set `maxEngines`, as the quota's message names it: `--max-engines 4`
  /// unless said otherwise (`DOOORDB_LOCAL_MAX_ENGINES=4` for `--local`).
  public var maxEnginesSetting: String?
  /// How long simulated `provisioning`, `updating` and `deleting` last.
  public var provisionDelay: Duration
  /// The only key accepted; nil accepts any `dor_sk_…` key.
  public var apiKey: String?
  public var faults: LocalAPIFaults
  /// What every lifecycle's time is read from; dates are the wall time when it was set, moved
  /// on by this clock, so a test moves them by hand.
  public var clock: any Clock<Duration> {
    didSet { timeline = LocalTimeline(clock) }
  }
  /// `clock`'s readings as dates.
  private(set) var timeline: LocalTimeline
  /// Connections silent for this long (idle, or a request sent halfway) are closed.
  public var idleTimeout: Duration
  /// Told what the user should know once, e.g. that a database is simulated and why.
  public var notice: @Sendable (String) -> Void
  /// Answers a request instead of the API when it returns non-nil: lets tests play a server
  /// that adds fields, sends unknown values or misbehaves in ways the faults do not cover.
  public var interceptor: (@Sendable (LocalAPIRequest) async -> LocalAPIResponse?)?

  public init(
    stateFile: URL? = nil, engines: LocalEnginesSetting = .simulated, maxEngines: Int = 32,
    provisionDelay: Duration = .seconds(2), apiKey: String? = nil,
    faults: LocalAPIFaults = .none, clock: any Clock<Duration> = ContinuousClock(),
    idleTimeout: Duration = .seconds(30), notice: @escaping @Sendable (String) -> Void = { _ in },
    interceptor: (@Sendable (LocalAPIRequest) async -> LocalAPIResponse?)? = nil
  ) {
    self.stateFile = stateFile
    self.engines = engines
    self.maxEngines = maxEngines
    self.provisionDelay = provisionDelay
    self.apiKey = apiKey
    self.faults = faults
    self.clock = clock
    timeline = LocalTimeline(clock)
    self.idleTimeout = idleTimeout
    self.notice = notice
    self.interceptor = interceptor
  }
}
