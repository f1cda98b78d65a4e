import DooorTestSupport
import Foundation
import Testing

/// The shared golden helper fails on a difference (showing a line diff) and on a missing file.
@Suite(.timeLimit(.minutes(1))) struct GoldenHelperTests {
  @Test func aLineDiffShowsOnlyTheChangedLinesWithContext() {
    let expected = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n"
    let actual = "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n"
    #expect(
      LineDiff.render(expected: expected, actual: actual)
        == "…\n two\n three\n-four\n+FOUR\n five\n six\n…")
  }

  @Test func aMissingLineBreakAtTheEndIsShown() {
    #expect(LineDiff.render(expected: "a\n", actual: "a") == "-a\n+a⏎ (no line break at the end)")
  }

  @Test func aDifferenceOrAMissingFileFailsTheTest() throws {
    guard !Golden.isRecording else { return }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dooordb-golden-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "same\n".write(
      to: directory.appendingPathComponent("kept.txt"), atomically: true, encoding: .utf8)
    Golden.check("same\n", at: directory, against: "kept.txt")
    withKnownIssue("a difference") {
      Golden.check("other\n", at: directory, against: "kept.txt")
    }
    withKnownIssue("a missing golden") {
      Golden.check("same\n", at: directory, against: "absent.txt")
    }
  }
}
