import DooorCore
import Foundation
import Testing

private typealias F = PlanFixture

/// One plan with every action, a destructive callout, unmanaged databases, warnings,
/// databases not ready and errors, and names that try to break Markdown and terminals.
enum PlanGoldenFixture {
  static var plan: Plan { Planner.plan(desired: desired, observed: observed) }

  static let desired = DesiredState(workspaces: [
    DeclaredWorkspace(
      name: "acme",
      databases: [
        F.declared(
          "billing", name: "Billing | <main> `db`", version: "16", cpu: "500m", memory: "1Gi",
          storageGb: 20, dependsOn: ["cache"], line: 1),
        F.declared("cache", name: "Cache", engine: .redis, cpu: "250m", line: 30),
        F.declared("legacy", name: "Legacy", engine: .postgresql, version: "16", line: 50),
        F.declared("old-reports", name: "Old reports", state: .absent, line: 70),
        F.declared("orders", name: "Orders", storageGb: 5, line: 90),
        F.declared("sessions", name: "Sessions", engine: .redis, cpu: "1", line: 110),
        F.declared("vault", name: "Vault", engine: .mysql, protect: true, line: 130),
      ]),
    DeclaredWorkspace(
      name: "sandbox", prune: true,
      databases: [F.declared("scratch", workspace: "sandbox", name: "Scratch", line: 150)]),
  ])

  static let observed = ObservedState(workspaces: [
    "acme": [
      F.remote("cache", id: "db_cache", name: "Cache", engine: .redis, version: "7"),
      F.remote("legacy", id: "db_legacy", name: "Legacy", engine: .mysql, version: "8.0"),
      F.remote("old-reports", id: "db_old", name: "Old reports", storageGb: 50),
      F.remote("orders", id: "db_orders", name: "Orders", storageGb: 10),
      F.remote(
        "sessions", id: "db_sessions", name: "Sessions", engine: .redis, version: "7",
        status: .provisioning, cpu: "lots"),
      F.remote("vault", id: "db_vault", name: "Vault", engine: .postgresql),
      F.remote("manual\u{1B}[31m", id: "db_manual", name: "Made by hand"),
    ],
    "sandbox": [
      F.remote("scratch", id: "db_scratch", name: "Scratch", status: .error),
      F.remote("tmp", id: "db_tmp", name: "Temp", engine: .unknown("mongodb"), version: "7"),
    ],
  ])
}

@Suite("Plan rendering", .timeLimit(.minutes(5)))
struct PlanRenderingTests {

  static let goldens: [(file: String, render: @Sendable (Plan) -> String)] = [
    ("plan.txt", { $0.rendered(as: .text) }),
    ("plan.color.txt", { $0.rendered(as: .text, useColor: true) }),
    ("plan.json", { $0.rendered(as: .json) }),
    ("plan.md", { $0.rendered(as: .markdown) }),
    ("plan.saved.json", { SavedPlan(plan: $0, origin: F.origin).encoded() }),
    ("plan.failure.json", { _ in FailureGoldenFixture.document(command: "plan").json() }),
    ("plan.failure.md", { _ in FailureGoldenFixture.document(command: "plan").markdown() }),
  ]

  @Test(arguments: goldens.map(\.file))
  func golden(_ file: String) {
    let render = Self.goldens.first { $0.file == file }!.render
    let actual = render(PlanGoldenFixture.plan)
    Golden.check(actual, against: file)
  }

  @Test func fixtureCoversEveryCase() {
    let plan = PlanGoldenFixture.plan
    #expect(Set(plan.changes.map(\.action)) == Set(ChangeAction.allCases))
    #expect(plan.changes.contains { $0.reason?.contains("pruned") == true })
    #expect(!plan.unmanaged.isEmpty && !plan.warnings.isEmpty && !plan.errors.isEmpty)
    #expect(!plan.notReady.isEmpty && plan.unchangedCount > 0)
  }

  @Test func textMarksEveryDestructiveChangeAndEndsWithTheSummary() {
    let text = PlanGoldenFixture.plan.rendered(as: .text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.last == "")
    #expect(lines.dropLast().last == "Plan: 1 to create, 1 to update, 1 to replace, 2 to delete.")
    let headers = lines.filter {
      $0.hasPrefix("+ ") || $0.hasPrefix("~ ") || $0.hasPrefix("-/+ ") || $0.hasPrefix("- ")
    }
    #expect(headers.count == PlanGoldenFixture.plan.changes.count)
    for header in headers where header.hasPrefix("-") {
      #expect(header.contains("# DESTRUCTIVE"))
    }
    for error in PlanGoldenFixture.plan.errors {
      #expect(lines.contains(Substring("\(error.location!): error: \(error.message)")))
    }
    #expect(!text.contains("\u{1B}"), "no escape sequence without colour, not even a remote one")
  }

  @Test func colourOnlyWhenAsked() {
    let plan = PlanGoldenFixture.plan
    let colored = plan.rendered(as: .text, useColor: true)
    #expect(colored.contains("\u{1B}[1;31m# DESTRUCTIVE"))
    #expect(colored.replacing(/\x{1B}\[[0-9;]*m/, with: "") == plan.rendered(as: .text))
    #expect(plan.rendered(as: .json, useColor: true) == plan.rendered(as: .json))
  }

  @Test func noChangesSaysSo() {
    let plan = F.plan([F.declared("a")], remote: [F.remote("a")])
    #expect(
      plan.rendered(as: .text).hasSuffix(
        "No changes: the databases match the manifests.\n"
          + "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete.\n"))
    #expect(plan.rendered(as: .markdown).contains("**No changes.**"))
  }

  @Test func hiddenCharactersAreShownNotObeyed() throws {
    let name = "evil\u{202E}txt\u{1B}[2J\nnext"
    let plan = F.plan([F.declared("a", name: name)])
    let text = plan.rendered(as: .text)
    #expect(text.contains(#"name: (none) -> "evil\u{202E}txt\u{001B}[2J\nnext""#))
    #expect(!text.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" })
    let json = plan.rendered(as: .json)
    #expect(json.contains(#""after": "evil\u202etxt\u001b[2J\nnext""#))
    let decoded = try PlanJSONValue.parse(json)
    guard case .object(let document) = decoded, case .array(let changes) = document["changes"],
      case .object(let change) = changes.first, case .array(let fields) = change["fields"],
      case .object(let first) = fields.first
    else {
      Issue.record("unexpected JSON shape")
      return
    }
    #expect(first["after"] == .string(name))
    let markdown = plan.rendered(as: .markdown)
    #expect(!markdown.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1B}" })
  }

  @Test func anErrorIsNeverCalledNoChanges() {
    let plan = F.plan([F.declared("a", storageGb: 1)], remote: [F.remote("a")])
    let text = plan.rendered(as: .text)
    #expect(!text.contains("No changes"))
    #expect(text.contains("\(F.file):16:7: error: storage of acme/a can only grow"))
    #expect(plan.rendered(as: .markdown).contains("**Cannot be applied: 1 error.**"))
  }

  @Test func markdownEscapesValuesAndPutsTheWarningFirst() {
    let markdown = PlanGoldenFixture.plan.rendered(as: .markdown)
    #expect(!markdown.contains("Billing |"))
    #expect(!markdown.contains("<main>"))
    #expect(!markdown.contains("`db`"))
    #expect(markdown.contains("Billing &#124; &lt;main&gt; &#96;db&#96;"))
    let warning = try! #require(markdown.range(of: "> [!WARNING]"))
    let table = try! #require(markdown.range(of: "| | Database | Action | Fields |"))
    #expect(warning.lowerBound < table.lowerBound)
    // Every row of a table has as many cell separators as its header.
    var headerPipes: Int?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        headerPipes = nil
        continue
      }
      let pipes = line.count { $0 == "|" }
      if let headerPipes {
        #expect(pipes == headerPipes, "broken row: \(line)")
      } else {
        headerPipes = pipes
      }
    }
    #expect(
      markdown.components(separatedBy: "<details>").count
        == markdown.components(separatedBy: "</details>").count)
  }

  @Test func jsonIsOneDocumentWithTheContractsKeys() throws {
    let json = PlanGoldenFixture.plan.rendered(as: .json)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["formatVersion"] as? Int == 1)
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary == ["create": 1, "update": 1, "replace": 1, "delete": 2, "unchanged": 2])
    let changes = try #require(object["changes"] as? [[String: Any]])
    #expect(
      changes.map { "\($0["workspace"]!)/\($0["slug"]!) \($0["action"]!)" } == [
        "acme/billing create", "acme/legacy replace", "acme/old-reports delete",
        "acme/sessions update", "sandbox/tmp delete",
      ])
    #expect(
      changes.allSatisfy {
        Set($0.keys).isSuperset(of: ["workspace", "slug", "action", "destructive", "fields"])
      })
  }
}
