/// Which steps of an `ApplyGraph` may start, as a state machine: pure `mutating` methods that the
/// executor drives with what happened, so the ordering rules are tested without any API.
///
/// Rules (CONTRACT §3): a step starts when every prerequisite is done; deletes start only once
/// every other step is done; a step that does not succeed settles all its dependents (skipped,
/// or not started after a stop) and, for a non-delete step, every delete.
///
/// Counters instead of scans keep each event cheap: a thousand-database plan costs nothing to
/// schedule next to its HTTP requests.
struct ApplySchedule: Sendable {
  struct Settled: Sendable, Hashable {
    var step: Int
    var outcome: ApplyOutcome
    var reason: String
  }

  private enum State: Sendable, Hashable {
    case pending
    case running
    case finished(ApplyOutcome)
  }

  let graph: ApplyGraph
  private var states: [State]
  private var dependents: [[(step: Int, kind: DependencyKind)]]
  /// Per step, how many of its prerequisites are not done yet.
  private var prerequisitesLeft: [Int]
  /// Pending steps whose prerequisites are all done, largest index first so `popLast` takes
  /// them in plan order.
  private var readyChanges: [Int] = []
  private var readyDeletes: [Int] = []
  private(set) var runningCount = 0
  private var unfinishedCount: Int
  /// Non-delete steps not finished yet, and not finished as done: deletes wait for both to be 0.
  private var unfinishedNonDeletes = 0
  private var nonDeletesNotDone = 0
  private var stopped = false

  init(graph: ApplyGraph) {
    self.graph = graph
    let count = graph.steps.count
    states = Array(repeating: .pending, count: count)
    unfinishedCount = count
    var dependents = Array(repeating: [(step: Int, kind: DependencyKind)](), count: count)
    for (step, edges) in graph.dependencies.enumerated() {
      for edge in edges { dependents[edge.prerequisite].append((step, edge.kind)) }
    }
    self.dependents = dependents
    prerequisitesLeft = graph.dependencies.map(\.count)
    for step in graph.steps.indices.reversed() where prerequisitesLeft[step] == 0 {
      if graph.steps[step].action == .delete {
        readyDeletes.append(step)
      } else {
        readyChanges.append(step)
      }
    }
    unfinishedNonDeletes = graph.steps.count { $0.action != .delete }
    nonDeletesNotDone = unfinishedNonDeletes
  }

  var isComplete: Bool { unfinishedCount == 0 }

  func outcome(of step: Int) -> ApplyOutcome? {
    if case .finished(let outcome) = states[step] { return outcome }
    return nil
  }

  /// The steps that may start now, in plan order, at most `limit`; they are marked running.
  mutating func start(upTo limit: Int) -> [Int] {
    guard !stopped else { return [] }
    var started: [Int] = []
    while started.count < limit, let step = readyChanges.popLast() {
      started.append(step)
    }
    while nonDeletesNotDone == 0, started.count < limit, let step = readyDeletes.popLast() {
      started.append(step)
    }
    for step in started { states[step] = .running }
    runningCount += started.count
    return started
  }

  /// Records how a running step ended; returns the pending steps this settles.
  mutating func finish(_ step: Int, outcome: ApplyOutcome) -> [Settled] {
    precondition(states[step] == .running, "finishing a step that is not running")
    runningCount -= 1
    var settled: [Settled] = []
    markFinished(step, outcome)
    if outcome == .done {
      for (dependent, _) in dependents[step] {
        prerequisitesLeft[dependent] -= 1
        if prerequisitesLeft[dependent] == 0 && states[dependent] == .pending {
          makeReady(dependent)
        }
      }
    } else {
      settled += settleDependents(of: step, outcome: outcome)
    }
    settled += settleDeletesIfBlocked()
    return settled
  }

  /// Stop requested: nothing starts any more and every pending step is settled as not started.
  mutating func stop() -> [Settled] {
    stopped = true
    readyChanges = []
    readyDeletes = []
    var settled: [Settled] = []
    for step in graph.steps.indices where states[step] == .pending {
      markFinished(step, .notStarted)
      settled.append(Settled(step: step, outcome: .notStarted, reason: "apply was stopped"))
    }
    return settled
  }

  /// When nothing runs and nothing can start, whatever is still pending waits on a cycle
  /// (validation rejects cycles; this keeps apply from hanging if one slips through).
  mutating func failStuck() -> [Settled] {
    let canStart = !readyChanges.isEmpty || (!readyDeletes.isEmpty && nonDeletesNotDone == 0)
    guard runningCount == 0, !canStart else { return [] }
    var settled: [Settled] = []
    let reason = "its dependencies form a cycle"
    for step in graph.steps.indices
    where states[step] == .pending && graph.steps[step].action != .delete {
      markFinished(step, .failed)
      settled.append(Settled(step: step, outcome: .failed, reason: reason))
    }
    // Deletes behind the failed steps are skipped; any left wait on each other.
    settled += settleDeletesIfBlocked()
    for step in graph.steps.indices where states[step] == .pending {
      markFinished(step, .failed)
      settled.append(Settled(step: step, outcome: .failed, reason: reason))
    }
    return settled
  }

  private mutating func makeReady(_ step: Int) {
    let isDelete = graph.steps[step].action == .delete
    var queue = isDelete ? readyDeletes : readyChanges
    // Descending order; binary search for the place.
    var low = 0
    var high = queue.count
    while low < high {
      let middle = (low + high) / 2
      if queue[middle] > step { low = middle + 1 } else { high = middle }
    }
    queue.insert(step, at: low)
    if isDelete { readyDeletes = queue } else { readyChanges = queue }
  }

  private mutating func markFinished(_ step: Int, _ outcome: ApplyOutcome) {
    states[step] = .finished(outcome)
    unfinishedCount -= 1
    if graph.steps[step].action != .delete {
      unfinishedNonDeletes -= 1
      if outcome == .done { nonDeletesNotDone -= 1 }
    }
  }

  private mutating func settleDependents(of root: Int, outcome: ApplyOutcome) -> [Settled] {
    let rootReference = graph.steps[root].reference
    let interrupted = outcome == .interrupted || outcome == .notStarted
    let settledOutcome: ApplyOutcome = interrupted ? .notStarted : .skipped
    var settled: [Settled] = []
    var queue = [root]
    while let current = queue.popLast() {
      let reference = graph.steps[current].reference
      for (dependent, kind) in dependents[current] where states[dependent] == .pending {
        markFinished(dependent, settledOutcome)
        queue.append(dependent)
        let cause = interrupted ? "apply was stopped" : "\(rootReference) \(outcome.rawValue)"
        let reason: String
        switch kind {
        case .dependsOn:
          reason =
            current == root && !interrupted
            ? "dependency \(reference) \(outcome.rawValue)"
            : "dependency \(reference) was not applied (\(cause))"
        case .deletedDependent:
          reason = "\(reference), which depends on it, was not deleted (\(cause))"
        }
        settled.append(Settled(step: dependent, outcome: settledOutcome, reason: reason))
      }
    }
    return settled
  }

  /// Deletes are skipped once every non-delete step has ended and one not as done.
  private mutating func settleDeletesIfBlocked() -> [Settled] {
    guard unfinishedNonDeletes == 0, nonDeletesNotDone > 0 else { return [] }
    let pendingDeletes = graph.steps.indices.filter { step in
      graph.steps[step].action == .delete && states[step] == .pending
    }
    guard !pendingDeletes.isEmpty else { return [] }
    readyDeletes = []
    let unsuccessful = graph.steps.indices.filter { step in
      graph.steps[step].action != .delete && states[step] != .finished(.done)
    }
    let stoppedRun = unsuccessful.allSatisfy {
      states[$0] == .finished(.notStarted) || states[$0] == .finished(.interrupted)
    }
    let outcome: ApplyOutcome = stoppedRun ? .notStarted : .skipped
    let names = unsuccessful.prefix(3).map { "\(graph.steps[$0].reference)" }
    let more = unsuccessful.count > 3 ? " and \(unsuccessful.count - 3) more" : ""
    let reason =
      "deletes run only after every other change succeeded; "
      + "\(unsuccessful.count) did not (\(names.joined(separator: ", "))\(more))"
    return pendingDeletes.map { step in
      markFinished(step, outcome)
      return Settled(step: step, outcome: outcome, reason: reason)
    }
  }
}
