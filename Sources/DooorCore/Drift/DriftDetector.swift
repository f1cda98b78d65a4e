/// Compares the manifests with the API the way the planner does (CONTRACT §2), but reports
/// every difference instead of deciding what to do about it: a storage larger than declared
/// or a protected database that would need replacing are drift here, not plan errors.
///
/// Pure: the same desired and observed states always give the same report, whatever order
/// the API listed the databases in.
public enum DriftDetector {
  /// The drift of the workspaces `desired` declares; workspaces only the API knows are not
  /// looked at.
  /// The drift of `observed` from `desired`; with `policies`, also what in the live state
  /// breaks them (every database of a declared workspace, by its live values).
  public static func report(
    desired: DesiredState, observed: ObservedState, policies: [Policy] = []
  ) -> DriftReport {
    var report = DriftReport(workspaces: desired.workspaces.map(\.name))
    if !policies.isEmpty {
      let live = PlannedState(
        plan: Plan(), observed: observed, desired: desired,
        workspaces: desired.workspaces.map(\.name))
      report.policy = PolicyEvaluator.evaluate(
        policies, state: live, plan: Plan(), scope: .liveState)
    }
    var quantities = QuantityCache()
    for workspace in desired.workspaces {
      check(
        workspace, remote: observed.databases(in: workspace.name), into: &report,
        quantities: &quantities)
    }
    return report
  }

  private static func check(
    _ workspace: DeclaredWorkspace, remote: [RemoteDatabase], into report: inout DriftReport,
    quantities: inout QuantityCache
  ) {
    let index = RemoteIndex(remote)
    for duplicate in index.duplicates.sorted(by: { $0.id < $1.id }) {
      report.warnings.append(
        .warning(
          at: nil,
          "the API lists slug \(duplicate.slug) twice in workspace \(workspace.name)"
            + " (ids \(index[duplicate.slug]?.id ?? "") and \(duplicate.id));"
            + " only the first is compared"))
    }
    var declaredSlugs: Set<String> = []
    for declared in workspace.databases.sorted(by: { $0.slug < $1.slug })
    where declaredSlugs.insert(declared.slug).inserted {
      let reference = DatabaseReference(workspace: workspace.name, slug: declared.slug)
      let found = index[declared.slug]
      switch (declared.state, found) {
      case (.present, nil):
        report.missing.append(reference)
      case (.present, let database?):
        compare(declared, with: database, reference: reference, into: &report, &quantities)
      case (.absent, nil):
        continue
      case (.absent, let database?):
        // Already on its way out: the manifest's wish is being carried out.
        guard database.status != .deleting else { continue }
        report.notDeleted.append(
          RemoteDatabaseReference(reference: reference, id: database.id, status: database.status))
      }
    }
    let undeclared = remote.filter { !declaredSlugs.contains($0.slug) }
      .sorted { ($0.slug, $0.id) < ($1.slug, $1.id) }
    var seen: Set<String> = []
    for database in undeclared where seen.insert(database.slug).inserted {
      // A pruned database being deleted is going away as the manifests want.
      if workspace.prune && database.status == .deleting { continue }
      report.unmanaged.append(
        UnmanagedDatabase(
          reference: DatabaseReference(workspace: workspace.name, slug: database.slug),
          id: database.id, engine: database.engine, status: database.status,
          pruned: workspace.prune))
    }
  }

  private static func compare(
    _ declared: DeclaredDatabase, with remote: RemoteDatabase, reference: DatabaseReference,
    into report: inout DriftReport, _ quantities: inout QuantityCache
  ) {
    if remote.status != .ready {
      report.notReady.append(
        RemoteDatabaseReference(
          reference: reference, id: remote.id, status: remote.status,
          statusMessage: remote.statusMessage))
    }
    // Its fields say nothing about the database that will take its place.
    if remote.status == .deleting { return }
    var fields: [DriftedField] = []
    for field in DatabaseField.allCases where FieldComparison.manages(field, declared) {
      switch FieldComparison.compare(
        field, declared: declared, remote: remote, quantities: &quantities)
      {
      case .equal:
        continue
      case .unknownRemotely:
        report.warnings.append(
          .warning(
            at: declared.location(of: field.rawValue),
            "the API did not report the \(field.rawValue) of \(reference), so it is not"
              + " compared"))
      case .differs(let actual, let wanted):
        fields.append(DriftedField(field: field, declared: wanted, actual: actual))
        if field == .cpu || field == .memory, quantities.quantity(actual) == nil {
          report.warnings.append(
            .warning(
              at: declared.location(of: field.rawValue),
              "the API reports \(field.rawValue) \(DisplayText.quoted(actual)) for \(reference),"
                + " which is not a Kubernetes quantity"))
        }
      }
    }
    if !fields.isEmpty {
      report.changed.append(ChangedDatabase(reference: reference, id: remote.id, fields: fields))
    }
  }
}
