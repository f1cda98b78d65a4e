import DooorCore
import PropertyBased
import Testing

private typealias F = PlanFixture

/// Drift of one workspace `acme`, for tables of expectations.
private func driftReport(
  _ declared: [DeclaredDatabase], remote: [RemoteDatabase] = [], prune: Bool = false
) -> DriftReport {
  DriftDetector.report(
    desired: DesiredState(workspaces: [
      DeclaredWorkspace(name: "acme", prune: prune, databases: declared)
    ]),
    observed: ObservedState(workspaces: ["acme": remote]))
}

/// The changed fields of a report as `slug.field:declared/actual`.
private func driftOutline(_ report: DriftReport) -> [String] {
  report.changed.flatMap { database in
    database.fields.map {
      "\(database.reference.slug).\($0.field.rawValue):\($0.declared)/\($0.actual)"
    }
  }
}

@Suite("Drift detection", .timeLimit(.minutes(5)))
struct DriftDetectorTests {
  @Test func matchingDatabasesAreNoDrift() {
    let report = driftReport(
      [F.declared("orders", name: "Orders", version: "16", cpu: "250m", memory: "512Mi")],
      remote: [F.remote("orders", name: "Orders", version: "16.4")])
    #expect(!report.hasDrift)
    #expect(report == DriftReport(workspaces: ["acme"]))
  }

  @Test func aChangedFieldAloneIsDrift() {
    let report = driftReport(
      [F.declared("orders", name: "Orders", cpu: "500m")],
      remote: [F.remote("orders", name: "Orders", cpu: "250m")])
    #expect(report.hasDrift)
    #expect(driftOutline(report) == ["orders.cpu:500m/250m"])
    #expect(report.changed.map(\.id) == ["db_orders"])
    #expect(report.missing.isEmpty && report.unmanaged.isEmpty && report.notReady.isEmpty)
    #expect(report.notDeleted.isEmpty)
  }

  @Test func aMissingDatabaseAloneIsDrift() {
    let report = driftReport([F.declared("orders")])
    #expect(report.hasDrift)
    #expect(report.missing == [DatabaseReference(workspace: "acme", slug: "orders")])
    #expect(report.driftCount == 1)
  }

  @Test func anAbsentDatabaseThatStillExistsAloneIsDrift() {
    let report = driftReport(
      [F.declared("old", state: .absent)], remote: [F.remote("old", status: .ready)])
    #expect(report.hasDrift)
    #expect(report.notDeleted.map(\.reference.slug) == ["old"])
    #expect(report.driftCount == 1)
    // Gone, or on its way out: the manifest's wish holds.
    #expect(!driftReport([F.declared("old", state: .absent)]).hasDrift)
    #expect(
      !driftReport(
        [F.declared("old", state: .absent)], remote: [F.remote("old", status: .deleting)]
      ).hasDrift)
  }

  @Test(arguments: [false, true])
  func anUnmanagedDatabaseAloneIsDrift(prune: Bool) {
    let report = driftReport([], remote: [F.remote("manual", engine: .mysql)], prune: prune)
    #expect(report.hasDrift)
    #expect(report.unmanaged.map(\.reference.slug) == ["manual"])
    #expect(report.unmanaged.map(\.pruned) == [prune])
    #expect(report.unmanaged.map(\.engine) == [.mysql])
    #expect(report.driftCount == 1)
  }

  @Test func aPrunedDatabaseBeingDeletedIsNoDrift() {
    #expect(!driftReport([], remote: [F.remote("x", status: .deleting)], prune: true).hasDrift)
    #expect(driftReport([], remote: [F.remote("x", status: .deleting)], prune: false).hasDrift)
  }

  @Test(arguments: [DatabaseStatus.error, .provisioning, .updating, .unknown("paused")])
  func aDeclaredDatabaseNotReadyAloneIsDrift(status: DatabaseStatus) {
    let report = driftReport([F.declared("orders")], remote: [F.remote("orders", status: status)])
    #expect(report.hasDrift)
    #expect(report.notReady.map(\.status) == [status])
    #expect(report.changed.isEmpty)
    #expect(report.driftCount == 1)
  }

  @Test func everyCategoryTogether() {
    let report = driftReport(
      [
        F.declared("changed", cpu: "1"),
        F.declared("failing"),
        F.declared("gone"),
        F.declared("lingering", state: .absent),
      ],
      remote: [
        F.remote("changed", cpu: "500m"),
        F.remote("failing", status: .error),
        F.remote("lingering"),
        F.remote("manual"),
      ])
    #expect(driftOutline(report) == ["changed.cpu:1/500m"])
    #expect(report.missing.map(\.slug) == ["gone"])
    #expect(report.notDeleted.map(\.reference.slug) == ["lingering"])
    #expect(report.unmanaged.map(\.reference.slug) == ["manual"])
    #expect(report.notReady.map(\.reference.slug) == ["failing"])
    #expect(report.driftCount == 5)
    #expect(report.driftedWorkspaces == ["acme"])
  }

  @Test func quantitiesCompareByValueAndVersionsByReleaseLine() {
    let same = driftReport(
      [F.declared("a", version: "16", cpu: "1", memory: "1Gi")],
      remote: [F.remote("a", version: "16.2", cpu: "1000m", memory: "1024Mi")])
    #expect(!same.hasDrift)
    let different = driftReport(
      [F.declared("a", version: "16", cpu: "1", memory: "1Gi")],
      remote: [F.remote("a", version: "160", cpu: "1", memory: "1G")])
    #expect(driftOutline(different) == ["a.version:16/160", "a.memory:1Gi/1G"])
  }

  @Test func ignoredAndOmittedFieldsAreNotDrift() {
    let ignored = driftReport(
      [F.declared("a", name: "A", cpu: "2", memory: "4Gi", ignoreChanges: [.cpu, .memory, .name])],
      remote: [F.remote("a", name: "Renamed by hand", cpu: "250m", memory: "512Mi")])
    #expect(!ignored.hasDrift)
    let omitted = driftReport(
      [F.declared("a")],
      remote: [F.remote("a", version: "8", cpu: "4", memory: "8Gi", storageGb: 500)])
    #expect(!omitted.hasDrift)
    // Ignoring one field still compares the others.
    let partly = driftReport(
      [F.declared("a", cpu: "2", storageGb: 20, ignoreChanges: [.cpu])],
      remote: [F.remote("a", cpu: "250m", storageGb: 10)])
    #expect(driftOutline(partly) == ["a.storageGb:20/10"])
  }

  @Test func whatThePlannerRefusesIsStillDrift() {
    // A remote storage larger than declared is a plan error, and a protected database whose
    // engine changed cannot be replaced; both are simply drift here.
    let report = driftReport(
      [
        F.declared("grown", storageGb: 10),
        F.declared("vault", engine: .mysql, protect: true),
      ],
      remote: [F.remote("grown", storageGb: 50), F.remote("vault", engine: .postgresql)])
    #expect(driftOutline(report) == ["grown.storageGb:10/50", "vault.engine:mysql/postgresql"])
    #expect(report.warnings.isEmpty)
  }

  @Test func aDeclaredDatabaseBeingDeletedIsNotReadyNotChanged() {
    let report = driftReport(
      [F.declared("a", cpu: "2")], remote: [F.remote("a", status: .deleting, cpu: "250m")])
    #expect(report.notReady.map(\.status) == [.deleting])
    #expect(report.changed.isEmpty)
  }

  @Test func aFieldTheAPILeftOutIsAWarningNotDrift() {
    let report = driftReport(
      [F.declared("a", storageClass: "fast")], remote: [F.remote("a", storageClass: nil)])
    #expect(!report.hasDrift)
    #expect(report.warnings.map(\.location) == [F.location(of: "storageClass")])
  }

  @Test func onlyDeclaredWorkspacesAreLookedAt() {
    let report = DriftDetector.report(
      desired: DesiredState(workspaces: [DeclaredWorkspace(name: "acme")]),
      observed: ObservedState(workspaces: ["acme": [], "other": [F.remote("x")]]))
    #expect(report == DriftReport(workspaces: ["acme"]))
  }

  /// Drift and plan read the same comparison: what a plan would change is drift, the fields
  /// an update patches are the drifted fields, and no drift means an empty plan.
  @Test func driftAgreesWithThePlanner() async {
    await propertyCheck(count: 300, input: PlanPropertyTests.codes, Gen.bool, Gen.bool) {
      codes, a, b in
      let scenario = PlanScenario(codes: codes, pruneAcme: a, pruneBeta: b)
      let plan = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      let report = DriftDetector.report(desired: scenario.desired, observed: scenario.observed)
      if plan.hasChanges || plan.hasErrors || !plan.unmanaged.isEmpty {
        #expect(report.hasDrift, "\(PlanFixture.outline(plan))")
      }
      if !report.hasDrift {
        #expect(!plan.hasChanges && !plan.hasErrors && plan.unmanaged.isEmpty)
      }
      let drifted = Dictionary(
        report.changed.map { ($0.reference, $0.fields) }, uniquingKeysWith: { first, _ in first })
      for change in plan.changes where change.action == .update || change.action == .replace {
        // A storage shrink is drift, and an error beside the update, not one of its fields.
        let fields = (drifted[change.reference] ?? []).filter { field in
          change.action == .replace || field.field != .storageGb
            || (Int(field.declared) ?? 0) > (Int(field.actual) ?? 0)
        }
        #expect(
          fields.map { FieldChange(field: $0.field, before: $0.actual, after: $0.declared) }
            == change.fields.sorted { $0.field < $1.field }, "\(change.reference)")
      }
      #expect(Set(plan.unmanaged) == Set(report.unmanaged.filter { !$0.pruned }.map(\.reference)))
    }
  }
}
