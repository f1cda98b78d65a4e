import DooorCore
import Foundation
import Testing

/// What plan and drift print in json or markdown when they fail before there is a plan or
/// report: errors located where known, the failure named, markdown-breaking text escaped.
enum FailureGoldenFixture {
  static func document(command: String) -> FailureDocument {
    FailureDocument(
      command: command,
      errors: [
        .error(
          at: nil, "no API key: set DOOOR_API_KEY or pass --api-key-file FILE (or use --local)"),
        .error(
          at: SourceLocation(file: "manifests/acme.yaml", line: 3, column: 11),
          "slug \"Orders|<b>\" is not a DNS-1123 label"),
      ])
  }
}

@Suite("Failure documents", .timeLimit(.minutes(1)))
struct FailureDocumentTests {
  @Test func jsonHoldsTheStatusAndEveryErrorWithItsPlace() throws {
    let json = FailureGoldenFixture.document(command: "plan").json()
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(document["formatVersion"] as? Int == 1)
    #expect(document["status"] as? String == "error")
    let errors = try #require(document["errors"] as? [[String: Any]])
    #expect(errors.count == 2)
    #expect(errors[0]["file"] is NSNull && errors[0]["line"] is NSNull)
    #expect(errors[1]["file"] as? String == "manifests/acme.yaml")
    #expect(errors[1]["line"] as? Int == 3 && errors[1]["column"] as? Int == 11)
  }

  @Test func markdownIsACautionCalloutWithEveryError() {
    let markdown = FailureGoldenFixture.document(command: "drift").markdown()
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "### dooordb drift")
    #expect(lines.contains("> [!CAUTION]"))
    #expect(lines.filter { $0.hasPrefix("> - ") }.count == 2)
    #expect(markdown.contains("Orders&#124;&lt;b&gt;"), "escaped: \(markdown)")
  }

  @Test func successfulPlansAndReportsSayOk() {
    let clean = PlanFixture.plan([PlanFixture.declared("a")], remote: [PlanFixture.remote("a")])
    #expect(clean.rendered(as: .json).contains("\n  \"status\": \"ok\",\n"))
    #expect(PlanGoldenFixture.plan.rendered(as: .json).contains("\n  \"status\": \"error\",\n"))
    #expect(DriftReport().rendered(as: .json).contains("\n  \"status\": \"ok\",\n"))
  }

  @Test func aDestroyBudgetRefusalMakesThePlanAnError() {
    let plan = PlanFixture.plan([], remote: [PlanFixture.remote("a")], prune: true)
    let refusal = ApplyRefusal.destroyBudget(limit: 0, changes: ["delete acme/a"])
    let json = plan.rendered(as: .json, refusals: [refusal])
    #expect(json.contains("\n  \"status\": \"error\",\n"))
    #expect(json.contains("more than --max-destroy 0 allows"))
    let markdown = plan.rendered(as: .markdown, refusals: [refusal])
    #expect(markdown.contains(":x: **Refused.**"))
    #expect(markdown.contains("> **Refused:**\n> - the plan deletes or replaces 1 database"))
  }
}
