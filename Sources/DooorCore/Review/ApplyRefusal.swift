/// One reason a plan may not be applied.
public enum ApplyRefusal: Sendable, Hashable, CustomStringConvertible {
  case errors(count: Int)
  case mandatoryViolations([PolicyViolation])
  case destroyBudget(limit: Int, changes: [String])
  case destructiveNotAllowed([String])

  public var description: String {
    switch self {
    case .errors(let count):
      return "the plan has \(count) error\(count == 1 ? "" : "s")"
    case .mandatoryViolations(let violations):
      // The violations themselves are listed with the plan; this names how many.
      let count = violations.count
      let policies = Set(violations.map(\.policy)).sorted().joined(separator: ", ")
      return "the plan breaks mandatory policies (\(count) violation\(count == 1 ? "" : "s") of"
        + " \(policies))"
    case .destroyBudget(let limit, let changes):
      return "the plan deletes or replaces \(Plural.count(changes.count, "database"))"
        + " (\(changes.joined(separator: ", "))), more than --max-destroy \(limit) allows"
    case .destructiveNotAllowed(let changes):
      return "the plan deletes or replaces databases (\(changes.joined(separator: ", ")));"
        + " pass --allow-destroy to allow it"
    }
  }
}

extension ApplyRefusal {
  /// A refusal a plan's own errors and policy report do not already show (`--max-destroy`).
  public var isBeyondThePlan: Bool {
    switch self {
    case .errors, .mandatoryViolations: false
    case .destroyBudget, .destructiveNotAllowed: true
    }
  }
}
