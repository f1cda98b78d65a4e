/// What apply will do about a database that is not `ready`, in words for the plan's reader.
/// docs/plan.md explains the choices; apply follows the same rules.
enum NotReadyNote {
  /// Nil for a `ready` database; `action` is the plan's change to it, nil when none.
  static func note(for status: DatabaseStatus, action: ChangeAction?) -> String? {
    switch status {
    case .ready:
      return nil
    case .provisioning, .updating:
      return waitThen(action)
    case .deleting:
      return action == .create
        ? "being deleted: apply waits until it is gone, then creates it again"
        : "being deleted already: apply leaves it alone"
    case .error:
      switch action {
      case nil:
        return "apply does not repair it; databases that depend on it are not created or"
          + " updated until it is ready (replace it, or fix it in Dooor OS)"
      case .update:
        return "apply sends the update without waiting; if the API refuses it, the update"
          + " fails and the databases that depend on it are skipped"
      case .replace, .delete, .create:
        return "apply \(verb(action)) it without waiting for it to be ready"
      }
    case .unknown:
      return "an unknown status is treated as not ready: " + waitThen(action)
    }
  }

  private static func waitThen(_ action: ChangeAction?) -> String {
    guard let action else {
      return "apply waits for it to be ready before creating or updating the databases that"
        + " depend on it"
    }
    return "apply waits for it to be ready, then \(verb(action)) it"
  }

  private static func verb(_ action: ChangeAction?) -> String {
    switch action {
    case .create, nil: "creates"
    case .update: "updates"
    case .replace: "replaces"
    case .delete: "deletes"
    }
  }
}
