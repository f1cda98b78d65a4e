import DooorCore
import Testing

/// What continuous drift detection tracks from cycle to cycle: a drift report's entries (one
/// per database and kind) and which of them started or ended since the previous cycle.
@Suite(.timeLimit(.minutes(1)))
struct DriftTransitionsTests {
  static func reference(_ slug: String, in workspace: String = "demo") -> DatabaseReference {
    DatabaseReference(workspace: workspace, slug: slug)
  }

  static func entry(_ slug: String, _ kind: DriftEntry.Kind, in workspace: String = "demo")
    -> DriftEntry
  {
    DriftEntry(workspace: workspace, slug: slug, kind: kind)
  }

  @Test func everyCategoryOfTheReportMapsToItsKind() {
    let report = DriftReport(
      workspaces: ["demo", "ops"],
      changed: [
        ChangedDatabase(
          reference: Self.reference("edited"), id: "d1",
          fields: [DriftedField(field: .cpu, declared: "500m", actual: "2")])
      ],
      missing: [Self.reference("gone", in: "ops")],
      notDeleted: [
        RemoteDatabaseReference(reference: Self.reference("kept"), id: "d2", status: .ready)
      ],
      unmanaged: [
        UnmanagedDatabase(
          reference: Self.reference("stray"), id: "d3", engine: .redis, status: .ready,
          pruned: false)
      ],
      notReady: [
        RemoteDatabaseReference(reference: Self.reference("broken"), id: "d4", status: .error)
      ])
    #expect(
      report.entries == [
        Self.entry("edited", .changed),
        Self.entry("gone", .missing, in: "ops"),
        // `state: absent` but still there: the database still differs from its manifest.
        Self.entry("kept", .changed),
        Self.entry("stray", .unmanaged),
        // Not ready (error included) is unhealthy.
        Self.entry("broken", .unhealthy),
      ])
  }

  @Test func aDatabaseDriftingInTwoWaysIsOneEntryPerKind() {
    let report = DriftReport(
      workspaces: ["demo"],
      changed: [
        ChangedDatabase(
          reference: Self.reference("app"), id: "d1",
          fields: [DriftedField(field: .cpu, declared: "500m", actual: "2")])
      ],
      notReady: [
        RemoteDatabaseReference(reference: Self.reference("app"), id: "d1", status: .error)
      ])
    #expect(report.entries == [Self.entry("app", .changed), Self.entry("app", .unhealthy)])
    #expect(DriftReport(workspaces: ["demo"]).entries.isEmpty)
  }

  @Test func aDriftIsToldWhenItStartsAndWhenItEndsOnly() {
    let first = DriftTransitions(
      previous: [], current: [Self.entry("b", .changed), Self.entry("a", .missing)])
    // Sorted, so the log's order does not depend on hashing.
    #expect(first.started == [Self.entry("a", .missing), Self.entry("b", .changed)])
    #expect(first.ended.isEmpty)

    let same = DriftTransitions(
      previous: [Self.entry("a", .missing), Self.entry("b", .changed)],
      current: [Self.entry("a", .missing), Self.entry("b", .changed)])
    #expect(same.started.isEmpty && same.ended.isEmpty)

    // b's kind changes: its change drift ends and its health drift starts.
    let next = DriftTransitions(
      previous: [Self.entry("a", .missing), Self.entry("b", .changed)],
      current: [Self.entry("b", .unhealthy)])
    #expect(next.started == [Self.entry("b", .unhealthy)])
    #expect(next.ended == [Self.entry("a", .missing), Self.entry("b", .changed)])
  }
}
