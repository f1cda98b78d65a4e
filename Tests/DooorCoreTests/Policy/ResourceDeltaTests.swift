import DooorCore
import Testing

private typealias F = PlanFixture

/// The resource delta of a plan: before and after per workspace, API defaults counted.
@Suite(.timeLimit(.minutes(1)))
struct ResourceDeltaTests {
  @Test func createsUpdatesAndDeletesMoveTheTotals() throws {
    let plan = F.plan(
      [
        F.declared("a", cpu: "2", memory: "1Gi", storageGb: 40),
        F.declared("new", line: 40),
      ],
      remote: [
        F.remote("a", cpu: "500m", memory: "512Mi", storageGb: 20),
        F.remote("old", cpu: "1", memory: "1Gi", storageGb: 30),
      ], prune: true)
    let delta = try #require(plan.resources)
    #expect(
      delta.before
        == ResourceAmounts(cpuMillicores: 1500, memoryBytes: 1_610_612_736, storageGb: 50))
    // a updated to 2 / 1Gi / 40; new created with the defaults; old deleted.
    #expect(
      delta.after == ResourceAmounts(cpuMillicores: 2250, memoryBytes: 1_610_612_736, storageGb: 50)
    )
    #expect(delta.defaultsCounted == 1)
    #expect(delta.workspaces.map(\.name) == ["acme"])
  }

  @Test func aReplacementGetsTheDefaultsForWhatItOmits() throws {
    let plan = F.plan(
      [F.declared("a", version: "17")], remote: [F.remote("a", version: "16", cpu: "4")])
    #expect(plan.changes.map(\.action) == [.replace])
    #expect(try #require(plan.resources).after.cpuMillicores == 250)
  }

  @Test(arguments: [
    (Int64(1500), "1.5"), (250, "0.25"), (2000, "2"), (0, "0"), (-500, "-0.5"), (1, "0.001"),
  ])
  func coresAreWrittenExactly(millicores: Int64, text: String) {
    #expect(ResourceText.cores(millicores) == text)
  }

  @Test(arguments: [
    (Int64(536_870_912), "512Mi"), (0, "0"), (1_073_741_824, "1Gi"), (1_610_612_736, "1.5Gi"),
    (-536_870_912, "-512Mi"), (1_000_000_000, "954Mi"),
  ])
  func memoryIsWrittenInMiOrGi(bytes: Int64, text: String) {
    #expect(ResourceText.memory(bytes) == text)
  }

  @Test func theTextLineShowsBeforeAfterAndTheDifference() {
    let line = ResourceText.line(
      before: ResourceAmounts(cpuMillicores: 1000, memoryBytes: 1 << 30, storageGb: 20),
      after: ResourceAmounts(cpuMillicores: 2500, memoryBytes: 1 << 29, storageGb: 20))
    #expect(
      line
        == "cpu 1 → 2.5 (+1.5), memory 1Gi → 512Mi (-512Mi), storage 20 GB → 20 GB (+0 GB)")
  }

  @Test func aPlanThatSaysItCountedDefaults() {
    let plan = F.plan([F.declared("a")])
    let text = plan.rendered(as: .text)
    #expect(text.contains("the API's defaults counted for 1 database"))
    #expect(text.contains("  acme: cpu 0 → 0.25 (+0.25), memory 0 → 512Mi (+512Mi)"))
  }
}
