public import DooorCore

/// Something that happened to one database during an apply, for live progress.
public struct ApplyEvent: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case started
    /// Still waiting: what the database is doing, and for how long its step has run.
    case waiting(state: String, elapsed: Duration)
    case done(duration: Duration)
    case failed(reason: String, duration: Duration)
    /// Settled without being tried (a dependency failed, or apply was stopped first).
    case skipped(reason: String)
    case interrupted(state: String?, duration: Duration)
  }

  public var reference: DatabaseReference
  public var action: ApplyAction
  public var kind: Kind
  /// Since the apply began.
  public var at: Duration

  public init(reference: DatabaseReference, action: ApplyAction, kind: Kind, at: Duration) {
    self.reference = reference
    self.action = action
    self.kind = kind
    self.at = at
  }
}

/// Receives progress events; called from concurrent tasks, so implementations synchronise.
public protocol ApplyObserver: Sendable {
  func observe(_ event: ApplyEvent)
}

/// An observer made of a closure.
public struct ClosureApplyObserver: ApplyObserver {
  private let handler: @Sendable (ApplyEvent) -> Void

  public init(_ handler: @escaping @Sendable (ApplyEvent) -> Void) {
    self.handler = handler
  }

  public func observe(_ event: ApplyEvent) { handler(event) }
}

/// Ignores every event.
public struct SilentApplyObserver: ApplyObserver {
  public init() {}
  public func observe(_ event: ApplyEvent) {}
}
