import DooorCore
import Foundation
import Testing

private typealias F = PlanFixture

/// `--max-chars` (CONTRACT §10): a markdown plan or drift report never exceeds the limit;
/// details go first, then table rows; the verdict and summary stay; the last line counts what
/// was left out.
@Suite("Markdown size limit", .timeLimit(.minutes(5)))
struct MarkdownLimitTests {
  /// A plan of `size` changes: creates, updates, replaces and prune deletes, with names long
  /// enough that a few hundred changes overflow a comment.
  static func plan(size: Int, seed: UInt64) -> Plan {
    var random = SeededRandom(seed: seed)
    var declared: [DeclaredDatabase] = []
    var remote: [RemoteDatabase] = []
    for index in 0..<size {
      let slug = "db-\(index)"
      let name = "Database \(index) " + String(repeating: "x", count: Int(random.next() % 60))
      switch random.next() % 4 {
      case 0:
        declared.append(F.declared(slug, name: name, cpu: "500m", memory: "1Gi", storageGb: 20))
      case 1:
        declared.append(F.declared(slug, name: name, cpu: "1"))
        remote.append(F.remote(slug, name: "Old " + name))
      case 2:
        declared.append(F.declared(slug, name: name, engine: .mysql))
        remote.append(F.remote(slug, name: name))
      default:
        remote.append(F.remote(slug, name: name))
      }
    }
    return F.plan(declared, remote: remote, prune: true)
  }

  static func tableRows(_ markdown: String) -> Int {
    markdown.split(separator: "\n").count { line in
      ["| + |", "| &#126; |", "| -/+ |", "| - |"].contains { line.hasPrefix($0) }
    }
  }

  /// `> **K of M changes left out**` from the last line.
  static func leftOut(_ markdown: String) -> (Int, Int)? {
    guard let last = markdown.split(separator: "\n").last, last.hasPrefix("> **") else {
      return nil
    }
    let words = last.dropFirst(4).split(separator: " ")
    guard words.count > 3, words[1] == "of", words[3] == "changes",
      let cut = Int(words[0]), let total = Int(words[2])
    else { return nil }
    return (cut, total)
  }

  @Test func theLimitHoldsForEveryPlanSizeAndTheCountsAreRight() {
    var random = SeededRandom(seed: 15)
    var sizes = [1, 2, 10, 100, 499, 500, 1_000, 2_000]
    sizes += (0..<12).map { _ in 1 + Int(random.next() % 2_000) }
    for size in sizes {
      let plan = Self.plan(size: size, seed: UInt64(size))
      let full = plan.rendered(as: .markdown)
      for limit in [1_000, 5_000, 20_000, 60_000, 65_536] {
        let markdown = plan.rendered(as: .markdown, maxCharacters: limit)
        #expect(markdown.unicodeScalars.count <= limit, "\(size) changes, limit \(limit)")
        #expect(markdown.contains(plan.summaryLine), "\(size) changes, limit \(limit)")
        let rows = Self.tableRows(markdown)
        guard full.unicodeScalars.count > limit else {
          #expect(markdown == full)
          continue
        }
        let counts = Self.leftOut(markdown)
        #expect(counts?.1 == plan.changes.count, "\(size) changes, limit \(limit)")
        #expect(counts?.0 == plan.changes.count - rows, "\(size) changes, limit \(limit)")
        // Table rows go only once every field detail has gone.
        if rows < plan.changes.count {
          #expect(!markdown.contains("<details>"), "\(size) changes, limit \(limit)")
        }
      }
    }
  }

  @Test func fiveHundredChangesFitTheDefaultLimit() {
    let plan = Self.plan(size: 500, seed: 500)
    let full = plan.rendered(as: .markdown)
    #expect(full.unicodeScalars.count > 60_000, "the test plan must overflow a comment")
    let markdown = plan.rendered(as: .markdown, maxCharacters: 60_000)
    #expect(markdown.unicodeScalars.count <= 60_000)
    #expect(markdown.hasPrefix("### dooordb plan\n\n:warning: **Destroys data.** "))
    let last = markdown.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.contains("changes left out"))
    #expect(last.contains("to stay under 60000 characters"))
    #expect(last.contains("The job log has the whole plan"))
    // Details go first: with room to spare the table keeps all 500 rows.
    let rows = Self.tableRows(markdown)
    #expect(Self.leftOut(markdown).map { $0.0 } == 500 - rows)
  }

  @Test func aPlanThatFitsIsUnchanged() {
    let plan = PlanGoldenFixture.plan
    #expect(plan.rendered(as: .markdown, maxCharacters: 60_000) == plan.rendered(as: .markdown))
  }

  @Test func driftMarkdownKeepsTheLimitToo() {
    let unmanaged = (0..<3_000).map {
      UnmanagedDatabase(
        reference: DatabaseReference(workspace: "acme", slug: "hand-made-\($0)"), id: "db_\($0)",
        engine: .redis, status: .ready, pruned: false)
    }
    let report = DriftReport(workspaces: ["acme"], unmanaged: unmanaged)
    for limit in [1_000, 10_000, 60_000] {
      let markdown = report.rendered(as: .markdown, maxCharacters: limit)
      #expect(markdown.unicodeScalars.count <= limit)
      #expect(markdown.contains(report.summaryLine.dropFirst("Drift: ".count).dropLast()))
      let rows = markdown.split(separator: "\n").count { $0.hasPrefix("| acme/") }
      let last = markdown.split(separator: "\n").last.map(String.init) ?? ""
      #expect(last.hasPrefix("> **\(3_000 - rows) of 3000 drift entries left out**"), "\(last)")
    }
  }

  @Test func aFailureDocumentKeepsTheLimit() {
    let errors = (0..<2_000).map {
      Diagnostic.error(
        at: SourceLocation(file: "m.yaml", line: $0 + 1, column: 3), "unknown key \"x\($0)\"")
    }
    let document = FailureDocument(command: "plan", errors: errors)
    let markdown = document.markdown(maxCharacters: 5_000)
    #expect(markdown.unicodeScalars.count <= 5_000)
    #expect(markdown.contains("> [!CAUTION]"))
    #expect(markdown.contains(":x: **dooordb plan failed: 2000 errors.**"))
  }
}
