import DooorCore
import DooorTestSupport
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
