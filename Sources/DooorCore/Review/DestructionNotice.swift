/// What apply's confirmation restates right before it asks for `yes` to a plan that deletes or
/// replaces databases: each one, with its engine and size, so nobody confirms a deletion that
/// scrolled past in a long plan.
public enum DestructionNotice {
  /// Nil when the plan destroys nothing; else a heading and one line per database.
  public static func text(for plan: Plan) -> String? {
    let destroyed = plan.changes.filter(\.isDestructive)
    guard !destroyed.isEmpty else { return nil }
    let lines = destroyed.map { change in
      let what = change.action == .delete ? "delete" : "replace"
      let facts = describe(change)
      let loss = change.action == .replace ? ", created again empty" : ""
      return "  - \(what) \(change.reference)\(facts.isEmpty ? "" : " (\(facts))")\(loss)"
    }
    let data = destroyed.count == 1 ? "its data" : "all their data"
    return "This destroys \(Plural.count(destroyed.count, "database")) and \(data):\n"
      + lines.joined(separator: "\n")
  }

  /// `postgresql 16, 20 GB`, from what the API reported, else from the declaration.
  private static func describe(_ change: PlannedChange) -> String {
    var facts: [String] = []
    if let engine = change.remote?.engine ?? change.declared?.engine {
      let version = change.remote?.version ?? change.declared?.version
      facts.append(engine.rawValue + (version.map { " \($0)" } ?? ""))
    }
    if let storage = change.remote?.storageGb ?? change.declared?.storageGb {
      facts.append("\(storage) GB")
    }
    return facts.joined(separator: ", ")
  }
}
