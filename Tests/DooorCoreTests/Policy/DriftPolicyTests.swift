import DooorCore
import Testing

private typealias F = PlanFixture

/// `drift --policy`: the live state checked against policies, by what the API reports.
@Suite(.timeLimit(.minutes(1)))
struct DriftPolicyTests {
  static let desired = DesiredState(workspaces: [
    DeclaredWorkspace(name: "acme", databases: [F.declared("a", cpu: "1")])
  ])
  static let observed = ObservedState(workspaces: [
    "acme": [F.remote("a", cpu: "8"), F.remote("manual", engine: .mysql, version: "8")]
  ])

  @Test func liveValuesAreChecked() {
    let policies = PolicyFixture.policy("engines: [postgresql]\nmax: {cpu: \"4\"}")
    let report = DriftDetector.report(
      desired: Self.desired, observed: Self.observed, policies: policies)
    #expect(
      report.policy?.violations.map(PolicyFixture.outline) == [
        "max acme/a @14:7", "engines acme/manual",
      ])
    #expect(report.policy?.checked == 2)
    #expect(report.hasMandatoryViolations)
    #expect(report.rendered(as: .text).contains("cpu 8 is more than the maximum 4"))
  }

  @Test func rulesAboutManifestsAndPlansAreNotCheckedAgainstTheLiveState() {
    let policies = PolicyFixture.policy("require: [protect]\nforbid: [create]\nmaxDestroy: 0")
    let report = DriftDetector.report(
      desired: Self.desired, observed: Self.observed, policies: policies)
    #expect(report.policy?.violations == [])
  }

  /// There is no plan in drift: totals are about what the API holds now.
  @Test func totalsSpeakOfTheLiveState() {
    let policies = PolicyFixture.policy("totals: {cpu: \"2\", memory: 512Mi, storageGb: 15}")
    let report = DriftDetector.report(
      desired: Self.desired, observed: Self.observed, policies: policies)
    #expect(
      report.policy?.violations.map(\.message) == [
        "cpu in the live state is 8.25 cores, more than the total 2",
        "memory in the live state is 1Gi, more than the total 512Mi",
        "storage in the live state is 20 GB, more than the total 15 GB",
      ])
  }

  @Test func withoutPoliciesThereIsNoReport() {
    let report = DriftDetector.report(desired: Self.desired, observed: Self.observed)
    #expect(report.policy == nil)
    #expect(report.rendered(as: .json).contains("\"policy\": null"))
  }
}
