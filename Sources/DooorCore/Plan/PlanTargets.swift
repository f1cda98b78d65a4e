/// `--target` and `--replace` against the declarations (CONTRACT §9): which databases a
/// targeted plan compares, and which named databases no manifest declares.
enum PlanTargets {
  /// An error for each named database that no manifest declares present or absent.
  static func undeclared(_ options: PlanOptions, in desired: DesiredState) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for (flag, references) in [("--target", options.targets), ("--replace", options.replacements)] {
      for reference in Set(references).sorted()
      where desired.workspace(reference.workspace)?.database(reference.slug) == nil {
        problems.append(
          .error(
            at: nil,
            "\(flag) \(DisplayText.visible(reference.description)): no manifest declares this"
              + " database"))
      }
    }
    return problems
  }

  /// The targets and, transitively, the databases they depend on: the declarations a
  /// targeted plan compares. Prune is off, so no other database is deleted.
  static func narrowed(_ desired: DesiredState, to targets: [DatabaseReference]) -> DesiredState {
    let wanted = Set(targets)
    return DesiredState(
      workspaces: desired.workspaces.compactMap { workspace in
        var keep: Set<String> = []
        var pending = wanted.filter { $0.workspace == workspace.name }.map(\.slug)
        while let slug = pending.popLast() {
          guard keep.insert(slug).inserted, let declared = workspace.database(slug) else {
            continue
          }
          pending += declared.dependsOn
        }
        guard !keep.isEmpty else { return nil }
        return DeclaredWorkspace(
          name: workspace.name, prune: false,
          databases: workspace.databases.filter { keep.contains($0.slug) })
      })
  }

  /// The plan without what a targeted plan leaves out: changes to dependencies other than
  /// creating them, and the databases it did not compare (listed as unmanaged only because
  /// prune was off).
  static func restrict(_ plan: Plan, to targets: [DatabaseReference], compared: DesiredState)
    -> Plan
  {
    let wanted = Set(targets)
    var result = plan
    result.changes = plan.changes.filter {
      wanted.contains($0.reference) || $0.action == .create
    }
    result.unmanaged = []
    result.notReady = plan.notReady.filter {
      compared.workspace($0.reference.workspace)?.database($0.reference.slug) != nil
    }
    return result
  }
}
