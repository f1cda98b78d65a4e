import DooorCore
import DooorEngine
import Foundation
import Synchronization
import Testing

/// Live progress on a real terminal's terms: a narrow window, colour, and notices written
/// between redraws (the Ctrl-C message).
@Suite(.timeLimit(.minutes(1))) struct LiveProgressTerminalTests {
  static func started(_ slug: String, workspace: String = "shop") -> ApplyEvent {
    ApplyEvent(
      reference: DatabaseReference(workspace: workspace, slug: slug), action: .create,
      kind: .started, at: .zero)
  }

  @Test func rowsAreCutToANarrowTerminalSoEachIsOneLine() {
    var renderer = LiveProgressRenderer(width: 50)
    let long = "orders-primary-database-for-the-eu-region"
    _ = renderer.render(Self.started(long, workspace: "production-shop"))
    let text = renderer.render(Self.started("cache"))
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    // The first row of this redraw follows the erase of the one-row block drawn before.
    #expect(text.hasPrefix("\u{1B}[1A\u{1B}[J"))
    #expect(rows.count == 2)
    for row in rows {
      let visible = row.replacingOccurrences(of: "\u{1B}[1A\u{1B}[J", with: "")
      #expect(visible.count <= 49, "\(visible) is wider than the terminal")
    }
    #expect(rows.first?.hasSuffix("…") == true)
    // The next redraw moves up exactly the two rows drawn.
    #expect(renderer.finish() == "\u{1B}[2A\u{1B}[J")
  }

  @Test func aBlockTallerThanTheScreenIsCutSoTheRedrawCanReachItsTop() {
    // 24 rows, 50 databases in flight (--parallelism 50): 21 rows and a line for the rest.
    var renderer = LiveProgressRenderer(width: 80)
    renderer.height = 24
    for index in 1...50 { _ = renderer.render(Self.started("db-\(index)")) }
    let block = renderer.refresh(at: .seconds(1))
    let rows = block.split(separator: "\n").map(String.init)
    #expect(rows.count == 22)
    #expect(rows.last == "  … and 29 more in flight")
    // The erase moves up exactly what was drawn, which fits on the screen.
    #expect(renderer.finish() == "\u{1B}[22A\u{1B}[J")
  }

  @Test func fittingLeavesShortRowsAlone() {
    #expect(LiveProgressRenderer.fitted(["short"], width: 50) == ["short"])
    #expect(LiveProgressRenderer.fitted(["0123456789"], width: 8) == ["012345…"])
    #expect(LiveProgressRenderer.fitted(["0123456789"], width: nil) == ["0123456789"])
  }

  @Test func doneIsGreenAndFailedIsRedOnlyWithColour() {
    let reference = DatabaseReference(workspace: "shop", slug: "db")
    let done = ApplyEvent(
      reference: reference, action: .create, kind: .done(duration: .seconds(1)), at: .seconds(1))
    let failed = ApplyEvent(
      reference: reference, action: .create,
      kind: .failed(reason: "ended in error", duration: .seconds(1)), at: .seconds(1))
    var colored = LiveProgressRenderer(useColor: true)
    #expect(colored.render(done) == "\u{1B}[32m[00:01] shop/db: create done in 1s\u{1B}[0m\n")
    #expect(colored.render(failed).hasPrefix("\u{1B}[31m[00:01] shop/db: create failed"))
    var plain = LiveProgressRenderer()
    #expect(plain.render(done) == "[00:01] shop/db: create done in 1s\n")
  }

  @Test func theSummaryColoursDoneAndFailedOnlyWithColour() {
    let report = ApplyReport(
      entries: [
        .init(
          reference: DatabaseReference(workspace: "shop", slug: "a"), action: .create,
          outcome: .done, duration: .seconds(2)),
        .init(
          reference: DatabaseReference(workspace: "shop", slug: "b"), action: .create,
          outcome: .failed, reason: "ended in error"),
      ], wallTime: .seconds(3), interrupted: false)
    let colored = ApplySummaryRenderer.text(report, useColor: true)
    #expect(colored.contains("  \u{1B}[32mdone  \u{1B}[0m  create   shop/a  2s"))
    #expect(colored.contains("  \u{1B}[31mfailed\u{1B}[0m  create   shop/b  ended in error"))
    #expect(!ApplySummaryRenderer.text(report).contains("\u{1B}"))
  }

  @Test func aNoticeIsWrittenBetweenAnEraseAndARedraw() {
    let output = Mutex("")
    let printer = ProgressPrinter(
      style: .live, width: { 80 }, write: { text in output.withLock { $0 += text } })
    printer.observe(Self.started("db"))
    printer.interject { output.withLock { $0 += "\nInterrupt received\n" } }
    #expect(
      output.withLock { $0 }
        == "  create  shop/db  starting  0ms\n" + "\u{1B}[1A\u{1B}[J"
        + "\nInterrupt received\n" + "  create  shop/db  starting  0ms\n")
  }
}
