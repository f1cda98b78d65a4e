/// Which steps of an `ApplyGraph` may start, as a state machine: pure `mutating` methods that the
/// executor drives with what happened, so the ordering rules are tested without any API.
///
/// Rules (CONTRACT §3): a step starts when every prerequisite is done; deletes start only once
/// every other step is done; a step that does not succeed settles all its dependents (skipped,
/// or not started after a stop) and, for a non-delete step, every delete.
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
  private var stopped = false

  init(graph: ApplyGraph) {
    self.graph = graph
    states = Array(repeating: .pending, count: graph.steps.count)
    var dependents = Array(
      repeating: [(step: Int, kind: DependencyKind)](), count: graph.steps.count)
    for (step, edges) in graph.dependencies.enumerated() {
      for edge in edges { dependents[edge.prerequisite].append((step, edge.kind)) }
    }
    self.dependents = dependents
  }

  var runningCount: Int { states.count { $0 == .running } }
  var isComplete: Bool { !states.contains { $0 == .pending || $0 == .running } }

  func outcome(of step: Int) -> ApplyOutcome? {
    if case .finished(let outcome) = states[step] { return outcome }
    return nil
  }

  /// The steps that may start now, in plan order, at most `limit`; they are marked running.
  mutating func start(upTo limit: Int) -> [Int] {
    guard !stopped, limit > 0 else { return [] }
    let deletesMayStart = graph.steps.indices.allSatisfy { step in
      graph.steps[step].action == .delete || states[step] == .finished(.done)
    }
    var started: [Int] = []
    for step in graph.steps.indices where started.count < limit && states[step] == .pending {
      if graph.steps[step].action == .delete && !deletesMayStart { continue }
      let ready = graph.dependencies[step].allSatisfy {
        states[$0.prerequisite] == .finished(.done)
      }
      guard ready else { continue }
      states[step] = .running
      started.append(step)
    }
    return started
  }

  /// Records how a running step ended; returns the pending steps this settles.
  mutating func finish(_ step: Int, outcome: ApplyOutcome) -> [Settled] {
    precondition(states[step] == .running, "finishing a step that is not running")
    states[step] = .finished(outcome)
    var settled: [Settled] = []
    if outcome != .done {
      settled += settleDependents(of: step, outcome: outcome)
    }
    settled += settleDeletesIfBlocked()
    return settled
  }

  /// Stop requested: nothing starts any more and every pending step is settled as not started.
  mutating func stop() -> [Settled] {
    stopped = true
    var settled: [Settled] = []
    for step in graph.steps.indices where states[step] == .pending {
      states[step] = .finished(.notStarted)
      settled.append(Settled(step: step, outcome: .notStarted, reason: "apply was stopped"))
    }
    return settled
  }

  /// When nothing runs and nothing can start, whatever is still pending waits on a cycle
  /// (validation rejects cycles; this keeps apply from hanging if one slips through).
  mutating func failStuck() -> [Settled] {
    guard runningCount == 0 else { return [] }
    var settled: [Settled] = []
    for step in graph.steps.indices where states[step] == .pending {
      states[step] = .finished(.failed)
      settled.append(
        Settled(step: step, outcome: .failed, reason: "its dependencies form a cycle"))
    }
    return settled
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
        states[dependent] = .finished(settledOutcome)
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

  /// Deletes are skipped once a non-delete step has ended in anything but done.
  private mutating func settleDeletesIfBlocked() -> [Settled] {
    var unsuccessful: [Int] = []
    for step in graph.steps.indices where graph.steps[step].action != .delete {
      switch states[step] {
      case .finished(.done): continue
      case .finished: unsuccessful.append(step)
      case .pending, .running: return []
      }
    }
    guard !unsuccessful.isEmpty else { return [] }
    let stoppedRun = unsuccessful.allSatisfy {
      states[$0] == .finished(.notStarted) || states[$0] == .finished(.interrupted)
    }
    let outcome: ApplyOutcome = stoppedRun ? .notStarted : .skipped
    let names = unsuccessful.prefix(3).map { "\(graph.steps[$0].reference)" }
    let more = unsuccessful.count > 3 ? " and \(unsuccessful.count - 3) more" : ""
    let reason =
      "deletes run only after every other change succeeded; "
      + "\(unsuccessful.count) did not (\(names.joined(separator: ", "))\(more))"
    var settled: [Settled] = []
    for step in graph.steps.indices
    where graph.steps[step].action == .delete && states[step] == .pending {
      states[step] = .finished(outcome)
      settled.append(Settled(step: step, outcome: outcome, reason: reason))
    }
    return settled
  }
}
