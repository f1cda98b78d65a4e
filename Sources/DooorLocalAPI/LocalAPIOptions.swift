public import Foundation

/// How a local Dooor API behaves: where it keeps its state, how fast databases become ready,
/// which keys it accepts and which faults it injects.
public struct LocalAPIOptions: Sendable {
  /// The state file; nil keeps everything in memory.
  public var stateFile: URL?
  /// How long `provisioning`, `updating` and `deleting` last.
  public var provisionDelay: Duration
  /// The only key accepted; nil accepts any `dor_sk_…` key.
  public var apiKey: String?
  public var faults: LocalAPIFaults
  public var clock: any LocalAPIClock
  /// Answers a request instead of the API when it returns non-nil: lets tests play a server
  /// that adds fields, sends unknown values or misbehaves in ways the faults do not cover.
  public var interceptor: (@Sendable (LocalAPIRequest) async -> LocalAPIResponse?)?

  public init(
    stateFile: URL? = nil, provisionDelay: Duration = .seconds(2), apiKey: String? = nil,
    faults: LocalAPIFaults = .none, clock: any LocalAPIClock = SystemLocalAPIClock(),
    interceptor: (@Sendable (LocalAPIRequest) async -> LocalAPIResponse?)? = nil
  ) {
    self.interceptor = interceptor
    self.stateFile = stateFile
    self.provisionDelay = provisionDelay
    self.apiKey = apiKey
    self.faults = faults
    self.clock = clock
  }
}
