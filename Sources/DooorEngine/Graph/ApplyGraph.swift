import DooorCore

/// A plan as steps and the edges between them (CONTRACT §3): `dependsOn` edges between the
/// creates, updates and replaces of a workspace; waits for unchanged dependencies that are not
/// ready; deletes ordered dependents first. That every delete comes after every other step is a
/// phase rule of `ApplySchedule`, not an edge.
struct ApplyGraph: Sendable {
  var steps: [ApplyStep]
  /// For each step, the steps that must be done before it starts.
  var dependencies: [[StepDependency]]

  init(plan: Plan) {
    var steps: [ApplyStep] = plan.changes.map { change in
      ApplyStep(
        reference: change.reference, action: ApplyAction(change.action), change: change,
        remoteID: change.remote?.id)
    }
    var index: [DatabaseReference: Int] = [:]
    for (position, step) in steps.enumerated() where index[step.reference] == nil {
      index[step.reference] = position
    }
    let notReady = Dictionary(
      plan.notReady.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })

    // Unchanged dependencies that are not ready become `wait` steps, only when something waits on them.
    for change in plan.changes where change.action != .delete {
      for slug in change.dependsOn {
        let reference = DatabaseReference(workspace: change.reference.workspace, slug: slug)
        guard index[reference] == nil, let pending = notReady[reference] else { continue }
        index[reference] = steps.count
        steps.append(ApplyStep(reference: reference, action: .wait, remoteID: pending.id))
      }
    }

    var dependencies = Array(repeating: [StepDependency](), count: steps.count)
    for (position, step) in steps.enumerated() {
      guard let change = step.change else { continue }
      if change.action == .delete {
        continue
      }
      for slug in Self.uniqued(change.dependsOn) {
        let reference = DatabaseReference(workspace: step.reference.workspace, slug: slug)
        guard let prerequisite = index[reference], prerequisite != position,
          steps[prerequisite].action != .delete
        else { continue }
        dependencies[position].append(StepDependency(prerequisite: prerequisite, kind: .dependsOn))
      }
    }
    // A delete waits for the deletes of the databases that depend on it.
    for (position, step) in steps.enumerated() where step.action == .delete {
      for slug in Self.uniqued(step.change?.dependsOn ?? []) {
        let reference = DatabaseReference(workspace: step.reference.workspace, slug: slug)
        guard let dependency = index[reference], dependency != position,
          steps[dependency].action == .delete
        else { continue }
        dependencies[dependency].append(
          StepDependency(prerequisite: position, kind: .deletedDependent))
      }
    }
    self.steps = steps
    self.dependencies = dependencies
  }

  private static func uniqued(_ slugs: [String]) -> [String] {
    var seen: Set<String> = []
    return slugs.filter { seen.insert($0).inserted }
  }
}
