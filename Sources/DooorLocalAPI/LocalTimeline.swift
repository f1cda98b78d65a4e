import DooorCore
import Foundation

/// A clock's readings as dates, for the local API's records and lifecycles: the wall time when
/// it was made, moved on by the clock (monotonic in real use, by hand in tests).
struct LocalTimeline: Sendable {
  private let start = Date()
  private let elapsed: ElapsedTime

  init(_ clock: any Clock<Duration>) {
    elapsed = ElapsedTime(clock)
  }

  func now() -> Date {
    let (seconds, attoseconds) = elapsed.now.components
    return start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
  }
}
