/// One line of the `--verbose` HTTP log. It holds no header and no body, so it cannot leak the
/// API key or a password.
public struct HTTPRequestLogEntry: Sendable, Hashable, CustomStringConvertible {
  public var method: String
  public var path: String
  /// Nil when no answer came (connection error, timeout).
  public var status: Int?
  public var duration: Duration
  public var attempt: Int
  /// What happens next, e.g. `retrying in 1.5s`, or what went wrong on the wire.
  public var note: String?

  public init(
    method: String, path: String, status: Int?, duration: Duration, attempt: Int,
    note: String? = nil
  ) {
    self.method = method
    self.path = path
    self.status = status
    self.duration = duration
    self.attempt = attempt
    self.note = note
  }

  public var description: String {
    let milliseconds =
      duration.components.seconds * 1000
      + duration.components.attoseconds / 1_000_000_000_000_000
    var text = "\(method) \(path) -> \(status.map(String.init) ?? "no answer") in \(milliseconds)ms"
    text += " (attempt \(attempt))"
    if let note { text += ": \(note)" }
    return text
  }
}
