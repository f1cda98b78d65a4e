import DooorCore
import Foundation
import Testing

/// `validate`'s output, text and json, compared with committed files under `Golden/`.
/// `RECORD_GOLDEN=1 swift test --filter ValidateGoldenTests` rewrites them; review the diff.
@Suite(.timeLimit(.minutes(5))) struct ValidateGoldenTests {
  /// Paths as a user at the repository root would pass them, so the files match the CLI.
  static func load(_ path: String) -> ManifestLoadResult {
    ManifestLoader.load(
      Fixtures.sources(path, under: TestPaths.repositoryRoot), environment: [:])
  }

  static let invalidFixtures = "Tests/DooorCoreTests/Fixtures/manifests"

  @Test func examplesText() {
    let result = Self.load("examples")
    #expect(result.isValid)
    Golden.check(ValidationReport.summary(of: result.desired), against: "validate-examples.txt")
  }

  @Test func examplesJSON() {
    Golden.check(
      ValidationReport.json(of: Self.load("examples")), against: "validate-examples.json")
  }

  @Test func invalidText() {
    let result = Self.load(Self.invalidFixtures)
    #expect(!result.isValid)
    Golden.check(ValidationReport.errorLines(of: result), against: "validate-invalid.txt")
  }

  @Test func invalidJSON() {
    Golden.check(
      ValidationReport.json(of: Self.load(Self.invalidFixtures)), against: "validate-invalid.json")
  }
}

enum Golden {
  static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

  /// Compares `actual` with the golden file `name` in `directory`. With `RECORD_GOLDEN=1` a
  /// golden that differs is rewritten and the test still fails, so a recording run can never
  /// pass unnoticed: run again without the variable to check.
  static func check(
    _ actual: String, at directory: URL = TestPaths.golden, against name: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if isRecording, actual != expected {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      #expect(throws: Never.self) { try actual.write(to: url, atomically: true, encoding: .utf8) }
      Issue.record(
        "recorded a new golden \(name); run again without RECORD_GOLDEN to check it",
        sourceLocation: sourceLocation)
      return
    }
    guard let expected else {
      Issue.record(
        "missing golden file \(url.path); run with RECORD_GOLDEN=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "differs from \(name)", sourceLocation: sourceLocation)
  }
}
