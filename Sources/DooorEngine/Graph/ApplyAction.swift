import DooorCore

/// What apply does to one database: a planned change, or waiting for an unchanged dependency
/// that is not ready yet.
public enum ApplyAction: String, Sendable, Hashable, CaseIterable {
  case create
  case update
  case replace
  case delete
  /// An unchanged database that was not ready when planned, waited for because a change depends on it.
  case wait

  init(_ action: ChangeAction) {
    switch action {
    case .create: self = .create
    case .update: self = .update
    case .replace: self = .replace
    case .delete: self = .delete
    }
  }
}
