import DooorCore
import Foundation
import Testing

/// The plan's golden fixture seen as drift: every category, odd statuses, an unknown engine,
/// and names that try to break Markdown and terminals.
enum DriftGoldenFixture {
  static var report: DriftReport {
    DriftDetector.report(
      desired: PlanGoldenFixture.desired, observed: PlanGoldenFixture.observed)
  }

  static var clean: DriftReport {
    DriftDetector.report(
      desired: DesiredState(workspaces: [DeclaredWorkspace(name: "acme")]),
      observed: ObservedState(workspaces: ["acme": []]))
  }
}

@Suite("Drift rendering", .timeLimit(.minutes(5)))
struct DriftRenderingTests {

  static let goldens: [(file: String, render: @Sendable () -> String)] = [
    ("drift.txt", { DriftGoldenFixture.report.rendered(as: .text) }),
    ("drift.color.txt", { DriftGoldenFixture.report.rendered(as: .text, useColor: true) }),
    ("drift.json", { DriftGoldenFixture.report.rendered(as: .json) }),
    ("drift.md", { DriftGoldenFixture.report.rendered(as: .markdown) }),
    ("drift.clean.txt", { DriftGoldenFixture.clean.rendered(as: .text) }),
    ("drift.clean.json", { DriftGoldenFixture.clean.rendered(as: .json) }),
    ("drift.clean.md", { DriftGoldenFixture.clean.rendered(as: .markdown) }),
    ("drift.failure.json", { FailureGoldenFixture.document(command: "drift").json() }),
    ("drift.failure.md", { FailureGoldenFixture.document(command: "drift").markdown() }),
  ]

  @Test(arguments: goldens.map(\.file))
  func golden(_ file: String) {
    let actual = Self.goldens.first { $0.file == file }!.render()
    Golden.check(actual, against: file)
  }

  @Test func fixtureCoversEveryCategory() {
    let report = DriftGoldenFixture.report
    #expect(!report.changed.isEmpty)
    #expect(!report.missing.isEmpty)
    #expect(!report.notDeleted.isEmpty)
    #expect(report.unmanaged.contains { $0.pruned } && report.unmanaged.contains { !$0.pruned })
    #expect(report.notReady.contains { $0.status == .error })
    #expect(!report.warnings.isEmpty)
  }

  @Test func jsonIsValidJSONWithCountsThatMatchTheLists() throws {
    let report = DriftGoldenFixture.report
    let object =
      try JSONSerialization.jsonObject(
        with: Data(report.rendered(as: .json).utf8)) as? [String: Any]
    let summary = object?["summary"] as? [String: Int]
    #expect(summary?["changed"] == report.changed.count)
    #expect(summary?["unmanaged"] == report.unmanaged.count)
    #expect(object?["drift"] as? Bool == true)
    let workspaces = object?["workspaces"] as? [[String: Any]]
    #expect(workspaces?.map { $0["name"] as? String } == ["acme", "sandbox"])
  }

  @Test func noOutputLetsANameRestyleATerminalOrBreakMarkdown() {
    let report = DriftGoldenFixture.report
    for format in DriftFormat.allCases {
      #expect(!report.rendered(as: format).contains("\u{1B}"), "\(format)")
    }
    let markdown = report.rendered(as: .markdown)
    #expect(markdown.split(separator: "\n").first == "### dooordb drift")
  }

  @Test func colourIsOnlyAddedNeverChangesTheText() {
    let report = DriftGoldenFixture.report
    let colored = report.rendered(as: .text, useColor: true)
    #expect(colored.replacing(/\x{1B}\[[0-9;]*m/, with: "") == report.rendered(as: .text))
  }

  /// A status message comes from a server: every format shows it, none obeys it.
  @Test func aNotReadyDatabaseShowsTheAPIsReasonEscaped() throws {
    let report = DriftDetector.report(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(
          name: "demo",
          databases: [PlanFixture.declared("app-db", workspace: "demo", name: "app-db")])
      ]),
      observed: ObservedState(workspaces: [
        "demo": [
          RemoteDatabase(
            id: "db_1", slug: "app-db", name: "app-db", engine: .postgresql, status: .error,
            statusMessage: "FATAL: \u{1B}[2Jno | memory")
        ]
      ]))
    #expect(
      report.rendered(as: .text).contains(
        "  ! demo/app-db (error): FATAL: \\u{001B}[2Jno | memory"))
    let markdown = report.rendered(as: .markdown)
    #expect(markdown.contains("error: FATAL: ") && markdown.contains("no &#124; memory"))
    #expect(!markdown.contains("\u{1B}"))
    let object =
      try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8))
      as? [String: Any]
    let notReady = try #require((object?["notReady"] as? [[String: Any]])?.first)
    #expect(notReady["statusMessage"] as? String == "FATAL: \u{1B}[2Jno | memory")
  }

  @Test func cleanReportSaysSo() {
    let text = DriftGoldenFixture.clean.rendered(as: .text)
    #expect(text.contains("No drift"))
    #expect(DriftGoldenFixture.clean.rendered(as: .markdown).contains(":white_check_mark:"))
  }
}
