import Synchronization

/// What went wrong in the last reconcile cycle, so the log tells a problem once when it
/// appears or changes rather than every interval: a bad commit left for a day would otherwise
/// repeat its errors 288 times at --interval 5m.
final class RepeatedProblems: Sendable {
  private let last = Mutex<[String]>([])

  /// Calls `log` when `problems` differ from the last cycle's; `[]` is a cycle without any,
  /// after which the same problem is told again if it comes back.
  func report(_ problems: [String], log: () -> Void) {
    let changed = last.withLock { last in
      defer { last = problems }
      return last != problems
    }
    if changed, !problems.isEmpty { log() }
  }
}
