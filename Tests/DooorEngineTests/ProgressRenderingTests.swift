import DooorCore
import DooorEngine
import DooorTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Progress and summary rendering", .timeLimit(.minutes(5)))
struct ProgressRenderingTests {
  private let report = ApplyReport(
    entries: [
      .init(
        reference: Fixture.reference("cache"), action: .create, outcome: .done,
        duration: .milliseconds(2_140), databaseID: "db_1", lastStatus: .ready),
      .init(
        reference: Fixture.reference("db"), action: .update, outcome: .failed,
        reason: "the database ended in status error", duration: .seconds(75),
        databaseID: "db_2", lastStatus: .error),
      .init(
        reference: Fixture.reference("api"), action: .create, outcome: .skipped,
        reason: "dependency shop/db failed"),
      .init(
        reference: Fixture.reference("slow"), action: .create, outcome: .failed,
        reason: "timed out after 20m 00s waiting for the database to be ready",
        duration: .seconds(1200), databaseID: "db_3", lastStatus: .provisioning),
    ],
    wallTime: .seconds(1203), interrupted: false)

  @Test func durationsReadNaturally() {
    #expect(ElapsedText.format(.milliseconds(850)) == "850ms")
    #expect(ElapsedText.format(.milliseconds(2_140)) == "2.1s")
    #expect(ElapsedText.format(.seconds(3)) == "3s")
    #expect(ElapsedText.format(.seconds(42)) == "42s")
    #expect(ElapsedText.format(.seconds(63)) == "1m 03s")
    #expect(ElapsedText.format(.seconds(3720)) == "1h 02m")
  }

  @Test func theSummaryListsEveryDatabaseWithItsOutcomeAndReason() {
    let expected = """
      Apply failed after 20m 03s: 1 done, 2 failed, 1 skipped.
        done     create   shop/cache  2.1s
        failed   update   shop/db     the database ended in status error
        skipped  create   shop/api    dependency shop/db failed
        failed   create   shop/slow   timed out after 20m 00s waiting for the database to be ready
      Still in progress on the API: shop/slow (provisioning). Run apply again to wait for them.

      """
    #expect(ApplySummaryRenderer.text(report) == expected)
  }

  @Test func anInterruptedRunSaysSo() {
    let interrupted = ApplyReport(
      entries: [
        .init(
          reference: Fixture.reference("a"), action: .create, outcome: .interrupted,
          reason: "apply was stopped while waiting", duration: .seconds(4),
          lastStatus: .provisioning),
        .init(
          reference: Fixture.reference("b"), action: .create, outcome: .notStarted,
          reason: "apply was stopped"),
      ], wallTime: .seconds(4), interrupted: true)
    let text = ApplySummaryRenderer.text(interrupted)
    #expect(text.hasPrefix("Apply interrupted after 4s: 1 not started, 1 interrupted.\n"))
    #expect(text.contains("Still in progress on the API: shop/a (provisioning)."))
  }

  @Test func theJSONReportHasStableKeysAndExplicitNulls() throws {
    let json = ApplyReportJSON.render(report)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(
      Set(document.keys) == [
        "formatVersion", "succeeded", "interrupted", "stopReason", "wallTimeSeconds", "summary",
        "databases", "stillInProgress",
      ])
    #expect(document["wallTimeSeconds"] as? Double == 1203)
    let summary = try #require(document["summary"] as? [String: Int])
    #expect(summary == ["done": 1, "failed": 2, "skipped": 1, "notStarted": 0, "interrupted": 0])
    let databases = try #require(document["databases"] as? [[String: Any]])
    #expect(databases.count == 4)
    let skipped = databases[2]
    #expect(
      Set(skipped.keys) == [
        "workspace", "slug", "action", "outcome", "reason", "durationSeconds", "id", "status",
      ])
    #expect(skipped["durationSeconds"] is NSNull)
    #expect(databases[0]["durationSeconds"] as? Double == 2.14)
    // The same report renders the same bytes.
    #expect(ApplyReportJSON.render(report) == json)
  }

  @Test func plainLinesAreStampedAndSkipRepeatedWaits() {
    var renderer = TimestampedProgressRenderer()
    let reference = Fixture.reference("db")
    func event(_ kind: ApplyEvent.Kind, at seconds: Int) -> ApplyEvent {
      ApplyEvent(reference: reference, action: .create, kind: kind, at: .seconds(seconds))
    }
    var lines: [String] = []
    lines += renderer.lines(for: event(.started, at: 0))
    lines += renderer.lines(
      for: event(.waiting(state: "provisioning", elapsed: .seconds(1)), at: 1))
    lines += renderer.lines(
      for: event(.waiting(state: "provisioning", elapsed: .seconds(2)), at: 2))
    lines += renderer.lines(for: event(.done(duration: .seconds(65)), at: 65))
    #expect(
      lines == [
        "[00:00] shop/db: create started",
        "[00:01] shop/db: create waiting: provisioning (1s)",
        "[01:05] shop/db: create done in 1m 05s",
      ])
  }

  @Test func theLiveViewRedrawsItsBlockInPlace() {
    var renderer = LiveProgressRenderer()
    let first = renderer.render(
      ApplyEvent(reference: Fixture.reference("a"), action: .create, kind: .started, at: .zero))
    #expect(first == "  create  shop/a  starting  0ms\n")
    let second = renderer.render(
      ApplyEvent(
        reference: Fixture.reference("a"), action: .create,
        kind: .waiting(state: "provisioning", elapsed: .seconds(3)), at: .seconds(3)))
    #expect(second == "\u{1B}[1A\u{1B}[J  create  shop/a  provisioning  3s\n")
    let third = renderer.render(
      ApplyEvent(
        reference: Fixture.reference("a"), action: .create, kind: .done(duration: .seconds(4)),
        at: .seconds(4)))
    #expect(third == "\u{1B}[1A\u{1B}[J[00:04] shop/a: create done in 4s\n")
    #expect(renderer.finish() == "")
    #expect(renderer.refresh(at: .seconds(5)) == "")
  }

  @Test func theLiveViewCountsElapsedTimeFromEachStart() {
    var renderer = LiveProgressRenderer()
    _ = renderer.render(
      ApplyEvent(reference: Fixture.reference("a"), action: .create, kind: .started, at: .zero))
    _ = renderer.render(
      ApplyEvent(
        reference: Fixture.reference("bb"), action: .delete, kind: .started, at: .seconds(2)))
    #expect(
      renderer.refresh(at: .seconds(12))
        == "\u{1B}[2A\u{1B}[J  create  shop/a   starting  12s\n  delete  shop/bb  starting  10s\n")
    #expect(renderer.finish() == "\u{1B}[2A\u{1B}[J")
  }
}

extension ProgressRenderingTests {
  @Test func thePrinterRendersAnApplysEventsInOrder() async {
    let output = Mutex("")
    let printer = ProgressPrinter(style: .timestamped) { text in
      output.withLock { $0 += text }
    }
    let clock = SteppedClock(advancesBySleeping: true)
    let api = ScriptedDatabaseAPI(clock: clock)
    await api.endInError("db")
    let report = await PlanExecutor(api: api, clock: clock, observer: printer).apply(
      Plan(changes: [Fixture.create("db"), Fixture.create("api", dependsOn: ["db"])]))
    printer.finish()

    #expect(report.outcome("db") == .failed)
    let lines = output.withLock { $0 }.split(separator: "\n").map(String.init)
    #expect(lines.first == "[00:00] shop/db: create started")
    #expect(lines.contains { $0.hasSuffix("shop/db: create waiting: provisioning (0ms)") })
    #expect(lines.contains { $0.contains("shop/db: create failed after") })
    #expect(lines.last?.hasSuffix("shop/api: create skipped: dependency shop/db failed") == true)
  }
}

extension ProgressRenderingTests {
  @Test func anInterruptedRunsJSONNamesWhatIsStillInProgress() throws {
    let interrupted = ApplyReport(
      entries: [
        .init(
          reference: Fixture.reference("a"), action: .replace, outcome: .interrupted,
          reason: "apply was stopped while waiting", duration: .seconds(4), databaseID: "db_9",
          lastStatus: .provisioning),
        .init(
          reference: Fixture.reference("b"), action: .delete, outcome: .notStarted,
          reason: "apply was stopped", databaseID: "db_2", lastStatus: .ready),
      ], wallTime: .milliseconds(4_250), interrupted: true)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(ApplyReportJSON.render(interrupted).utf8))
        as? [String: Any])

    #expect(document["interrupted"] as? Bool == true)
    #expect(document["succeeded"] as? Bool == false)
    #expect(document["wallTimeSeconds"] as? Double == 4.25)
    let inProgress = try #require(document["stillInProgress"] as? [[String: Any]])
    #expect(inProgress.map { $0["slug"] as? String } == ["a"])
    #expect(inProgress.first?["status"] as? String == "provisioning")
    #expect(inProgress.first?["action"] as? String == "replace")
  }

  @Test func anEmptyPlanSaysThereWasNothingToDo() {
    let empty = ApplyReport(entries: [], wallTime: .milliseconds(3), interrupted: false)
    #expect(ApplySummaryRenderer.text(empty) == "Apply complete in 3ms: nothing to do.\n")
  }
}
