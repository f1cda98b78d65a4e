public import Foundation
import Synchronization

/// The time the local API's lifecycle is computed from, injected so tests move it by hand.
public protocol LocalAPIClock: Sendable {
  func now() -> Date
}

/// Wall-clock time.
public struct SystemLocalAPIClock: LocalAPIClock {
  public init() {}
  public func now() -> Date { Date() }
}

/// A clock that only moves when told to, for lifecycle tests without sleeping.
public final class ManualLocalAPIClock: LocalAPIClock {
  private let current: Mutex<Date>

  public init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
    current = Mutex(start)
  }

  public func now() -> Date { current.withLock { $0 } }

  public func advance(by duration: Duration) {
    let seconds =
      Double(duration.components.seconds)
      + Double(duration.components.attoseconds) / 1e18
    current.withLock { $0 = $0.addingTimeInterval(seconds) }
  }
}
