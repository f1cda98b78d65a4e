import DooorCore

/// What a failed request means for the step that made it.
enum FailureKind: Sendable, Hashable {
  /// 429: nothing was done; ask again after a pause.
  case rateLimited
  /// Not found (404).
  case notFound
  /// 409: the slug or the database's state conflicts.
  case conflict
  /// No answer or a 5xx: the request may have been carried out.
  case ambiguous
  /// Apply was stopped before the request was sent.
  case cancelled
  /// Not sent: the step's deadline left no time for it.
  case outOfTime
  /// The request was refused for good (4xx); asking again would not help.
  case refused

  init(_ error: any Error) {
    guard let error = error as? APIError else {
      self = error is CancellationError ? .cancelled : .ambiguous
      return
    }
    switch error.kind {
    case .cancelled:
      self = .cancelled
    case .outOfTime:
      self = .outOfTime
    case .http(status: 429, _):
      self = .rateLimited
    case .http(status: 404, _):
      self = .notFound
    case .http(status: 409, _):
      self = .conflict
    case .http(let status, _) where status >= 500 || status == 408:
      self = .ambiguous
    case .http:
      self = error.mayHaveTakenEffect ? .ambiguous : .refused
    case .transport, .timeout, .decoding:
      // An answer that could not be read still means the server acted on the request.
      self = .ambiguous
    }
  }

  /// Whether asking the same read-only question again may get an answer.
  var isTransient: Bool {
    switch self {
    case .rateLimited, .ambiguous: true
    case .notFound, .conflict, .cancelled, .outOfTime, .refused: false
    }
  }
}

extension Error {
  /// The error as people should read it: `APIError` already says which request failed.
  var readableDescription: String {
    if let error = self as? APIError { return error.description }
    return String(describing: self)
  }
}
