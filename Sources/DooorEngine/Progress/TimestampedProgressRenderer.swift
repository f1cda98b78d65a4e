import DooorCore

/// Progress as plain lines, each stamped with the time since apply began, for logs and
/// terminals that are not interactive. A wait is printed when its state changes, not every poll.
public struct TimestampedProgressRenderer: Sendable {
  private var lastWaitingState: [DatabaseReference: String] = [:]

  public init() {}

  /// The lines to print for `event`; none when it only repeats the state already printed.
  public mutating func lines(for event: ApplyEvent) -> [String] {
    let subject = "\(event.reference): \(event.action.rawValue)"
    let text: String
    switch event.kind {
    case .started:
      text = "\(subject) started"
    case .waiting(let state, let elapsed):
      guard lastWaitingState[event.reference] != state else { return [] }
      lastWaitingState[event.reference] = state
      text = "\(subject) waiting: \(state) (\(ElapsedText.format(elapsed)))"
    case .done(let duration):
      text = "\(subject) done in \(ElapsedText.format(duration))"
    case .failed(let reason, let duration):
      text = "\(subject) failed after \(ElapsedText.format(duration)): \(reason)"
    case .skipped(let reason):
      text = "\(subject) skipped: \(reason)"
    case .interrupted(let state, let duration):
      let still = state.map { "; still \($0)" } ?? ""
      text = "\(subject) interrupted after \(ElapsedText.format(duration))\(still)"
    }
    return ["[\(Self.stamp(event.at))] \(text)"]
  }

  /// `mm:ss`, or `h:mm:ss` from an hour on.
  static func stamp(_ elapsed: Duration) -> String {
    let seconds = ElapsedText.milliseconds(elapsed) / 1000
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let clock = "\(two(seconds % 3600 / 60)):\(two(seconds % 60))"
    return seconds >= 3600 ? "\(seconds / 3600):\(clock)" : clock
  }
}
