import ArgumentParser
import DooorCore

/// `list --engine`: only the engines the API knows, so a typo is a usage error listing them
/// (exit 64) instead of a request the API refuses.
struct EngineFilterArgument: ExpressibleByArgument, Sendable {
  var engine: Engine

  init?(argument: String) {
    let engine = Engine(rawValue: argument)
    guard engine.isKnown else { return nil }
    self.engine = engine
  }

  static var allValueStrings: [String] { Engine.declarable.map(\.rawValue) }
  // Not CaseIterable, so the completion scripts offer the values only when told to.
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `list --status`: only the lifecycle statuses the API reports, refused locally otherwise.
struct StatusFilterArgument: ExpressibleByArgument, Sendable {
  var status: DatabaseStatus

  static let known: [DatabaseStatus] = [.provisioning, .ready, .updating, .error, .deleting]

  init?(argument: String) {
    let status = DatabaseStatus(rawValue: argument)
    guard status.isKnown else { return nil }
    self.status = status
  }

  static var allValueStrings: [String] { known.map(\.rawValue) }
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
