public import DooorCore

/// One node of the apply graph: a database and what to do to it.
public struct ApplyStep: Sendable, Hashable {
  public var reference: DatabaseReference
  public var action: ApplyAction
  /// The planned change; nil for a `wait` step.
  public var change: PlannedChange?
  /// The remote id to wait for (a `wait` step) or to change; nil for a create.
  public var remoteID: String?

  public init(
    reference: DatabaseReference, action: ApplyAction, change: PlannedChange? = nil,
    remoteID: String? = nil
  ) {
    self.reference = reference
    self.action = action
    self.change = change
    self.remoteID = remoteID
  }
}

/// Why one step waits for another, which decides how a skip is explained.
enum DependencyKind: Sendable, Hashable {
  /// The step's database declares `dependsOn` the other one.
  case dependsOn
  /// Both are deleted and the other one depends on this step's database: dependents go first.
  case deletedDependent
}

/// An edge of the apply graph: `step` starts only after `prerequisite` is done.
struct StepDependency: Sendable, Hashable {
  var prerequisite: Int
  var kind: DependencyKind
}
