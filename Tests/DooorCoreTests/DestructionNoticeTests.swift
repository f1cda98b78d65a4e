import DooorCore
import Testing

/// apply's confirmation restates what a destructive plan destroys.
@Suite(.timeLimit(.minutes(1))) struct DestructionNoticeTests {
  @Test func eachDeletedOrReplacedDatabaseIsNamedWithItsEngineAndSize() {
    let plan = PlanFixture.plan(
      [
        PlanFixture.declared("cache", engine: .mysql),
        PlanFixture.declared("keep"),
      ],
      remote: [
        PlanFixture.remote("cache", engine: .redis, version: "7", storageGb: 5),
        PlanFixture.remote("keep"),
        PlanFixture.remote("orders", storageGb: 20),
      ], prune: true)
    #expect(
      DestructionNotice.text(for: plan)
        == """
        This destroys 2 databases and all their data:
          - replace acme/cache (redis 7, 5 GB), created again empty
          - delete acme/orders (postgresql 16, 20 GB)
        """)
  }

  @Test func aPlanThatDestroysNothingHasNoNotice() {
    let plan = PlanFixture.plan([PlanFixture.declared("new")])
    #expect(DestructionNotice.text(for: plan) == nil)
  }
}
