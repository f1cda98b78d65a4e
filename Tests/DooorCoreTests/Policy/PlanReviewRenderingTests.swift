import DooorCore
import Foundation
import Testing

/// The golden plan of `PlanGoldenFixture` checked against policies that it breaks, mandatory
/// and advisory, in every format; the json against its schema.
@Suite(.timeLimit(.minutes(1)))
struct PlanReviewRenderingTests {
  static let policies = PolicyFixture.load(
    """
    policies:
      - name: acme-is-safe
        workspaces: ["acme"]
        engines: [postgresql, redis]
        max: {cpu: "250m", storageGb: 10}
        require: [protect]
        forbid: [delete]
        maxDestroy: 1
      - name: sandbox-budget
        workspaces: ["sand*"]
        enforcement: advisory
        totals: {cpu: 100m}
        forbid: [delete]
        slugPattern: "^[a-z]+-db$"
    """)

  static var plan: Plan {
    Planner.plan(
      desired: PlanGoldenFixture.desired, observed: PlanGoldenFixture.observed,
      options: PlanOptions(policies: policies))
  }

  @Test(arguments: [
    ("plan.policy.txt", PlanFormat.text), ("plan.policy.json", .json),
    ("plan.policy.md", .markdown),
  ])
  func golden(file: String, format: PlanFormat) {
    Golden.check(Self.plan.rendered(as: format), against: file)
  }

  @Test func theFixtureHasMandatoryAndAdvisoryViolationsOfEveryKindOfPlace() throws {
    let report = try #require(Self.plan.policy)
    #expect(!report.mandatory.isEmpty && !report.advisory.isEmpty)
    #expect(report.violations.contains { $0.location != nil })
    #expect(report.violations.contains { $0.slug == nil })
    #expect(report.violations.contains { $0.rule == .forbid && $0.location == nil })
  }

  @Test func textListsViolationsAfterTheChangesAndBeforeTheSummary() {
    let text = Self.plan.rendered(as: .text)
    let violations = text.range(of: "Policies: ")!.lowerBound
    let lastChange = text.range(of: "- delete acme/old-reports")!.lowerBound
    let summary = text.range(of: "Plan: ")!.lowerBound
    #expect(lastChange < violations && violations < summary)
  }

  @Test func markdownPutsMandatoryViolationsInTheFirstCalloutAboveTheDestructiveList() {
    let markdown = Self.plan.rendered(as: .markdown)
    let firstCallout = markdown.range(of: "> [!CAUTION]")!.lowerBound
    let mandatory = markdown.range(of: "Mandatory policies forbid this plan")!.lowerBound
    let destructive = markdown.range(of: "> [!WARNING]")!.lowerBound
    #expect(firstCallout < mandatory && mandatory < destructive)
  }

  /// The "Policies" section lists only advisory violations: with none, its heading must not
  /// end in a colon above an empty list.
  @Test func markdownSaysWhereTheMandatoryViolationsAreWhenThereIsNothingToList() throws {
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: "acme", databases: [PlanFixture.declared("a")])
      ]),
      observed: ObservedState(workspaces: ["acme": []]),
      options: PlanOptions(policies: PolicyFixture.policy("forbid: [create]")))
    let markdown = plan.rendered(as: .markdown)
    let section = try #require(markdown.range(of: "#### Policies\n\n"))
    let heading = markdown[section.upperBound...].prefix { $0 != "\n" }
    #expect(
      heading
        == "Policies: 1 database checked, 1 violation (1 mandatory, 0 advisory); the mandatory"
        + " one is in the callout above.")
  }

  @Test func theJSONMatchesTheSchema() {
    #expect(PlanSchemaTests.problems(in: Self.plan.rendered(as: .json)) == [])
    #expect(PlanSchemaTests.problems(in: SavedPlan(plan: Self.plan).encoded()) == [])
  }

  @Test func theSchemaRejectsABrokenViolation() {
    let json = Self.plan.rendered(as: .json)
    #expect(
      !PlanSchemaTests.problems(
        in: json.replacing("\"enforcement\": \"advisory\"", with: "\"enforcement\": \"maybe\"")
      ).isEmpty)
    #expect(
      !PlanSchemaTests.problems(in: json.replacing("\"checked\": ", with: "\"seen\": ")).isEmpty)
  }
}
