import DooorCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct DurationTextTests {
  @Test(arguments: [
    ("500ms", Duration.milliseconds(500)), ("2s", .seconds(2)), ("5m", .seconds(300)),
    ("1h", .seconds(3600)), ("1m30s", .seconds(90)), ("0s", .zero), (" 20m ", .seconds(1200)),
  ])
  func parses(text: String, expected: Duration) throws {
    #expect(try DurationText.parse(text) == expected)
  }

  @Test(arguments: ["", "5", "s", "2x", "1.5s", "-1s", "2 s", "ms5", "99999999999999999999h"])
  func refuses(text: String) {
    #expect(throws: DurationTextError.self) { try DurationText.parse(text) }
  }

  @Test(arguments: [Duration.milliseconds(500), .seconds(2), .seconds(90), .seconds(3661), .zero])
  func formatsWhatItParses(duration: Duration) throws {
    #expect(try DurationText.parse(DurationText.format(duration)) == duration)
  }

  @Test func formatIsShort() {
    #expect(DurationText.format(.seconds(90)) == "1m30s")
    #expect(DurationText.format(.milliseconds(1500)) == "1s500ms")
    #expect(DurationText.format(.zero) == "0s")
  }
}
