/// A failed API request, saying which request failed and what to do. Never holds the API key
/// or a password.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// The server answered with an error status.
    case http(status: Int, code: String?)
    /// No answer: refused, reset, DNS, TLS.
    case transport
    /// No answer in time.
    case timeout
    /// An answer that could not be read.
    case decoding
    /// The run was cancelled (Ctrl-C) before the request was sent.
    case cancelled
    /// Not sent: the caller's deadline (`RequestDeadline`) left no time for it.
    case outOfTime
  }

  public var kind: Kind
  public var method: String
  public var path: String
  /// The server's message, or what went wrong on the wire.
  public var message: String
  /// What the user can do about it.
  public var hint: String?
  /// True when the request may have been carried out although no success was seen
  /// (timeout, lost connection after sending, any 5xx): a create must be checked by slug
  /// before it is sent again.
  public var mayHaveTakenEffect: Bool

  public init(
    kind: Kind, method: String, path: String, message: String, hint: String? = nil,
    mayHaveTakenEffect: Bool = false
  ) {
    self.kind = kind
    self.method = method
    self.path = path
    self.message = message
    self.hint = hint
    self.mayHaveTakenEffect = mayHaveTakenEffect
  }

  public var status: Int? {
    if case .http(let status, _) = kind { return status }
    return nil
  }

  public var description: String {
    var text = "\(method) \(path) failed"
    if let status { text += " with HTTP \(status)" }
    text += ": \(message)"
    if let hint { text += " (\(hint))" }
    return text
  }
}
