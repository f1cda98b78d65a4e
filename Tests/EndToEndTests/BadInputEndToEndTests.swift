import Foundation
import Testing

/// `dooordb validate` on the whole bad-input corpus: one run, every file blamed, every line in
/// the `FILE:LINE:COL: error: MESSAGE` form, bytes that are not UTF-8 refused by name.
@Suite(.timeLimit(.minutes(5))) struct BadInputEndToEndTests {
  static let corpus = "Tests/DooorCoreTests/Fixtures/bad-inputs"

  @Test func validateReportsEveryBrokenFileWithAPosition() async throws {
    let result = try await DooordbProcess.run(
      ["validate", Self.corpus], environment: ["DOOORDB_BAD_INPUT_SET": "set"])
    #expect(result.exitCode == 1)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: DooordbProcess.repositoryRoot.appendingPathComponent(Self.corpus).path
    ).filter { $0.hasSuffix(".yaml") }
    #expect(files.count >= 50)
    for file in files {
      #expect(result.stderr.contains("\(Self.corpus)/\(file):"), "\(file) is not blamed")
    }
    let errorLines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    for line in errorLines {
      #expect(
        line.wholeMatch(of: /[^:]+:[1-9][0-9]*:[1-9][0-9]*: error: .+/) != nil,
        "\(line.prefix(200))")
    }
    for file in files where file.hasPrefix("non-utf8-") {
      #expect(
        result.stderr.contains("\(Self.corpus)/\(file):1:1: error: file is not UTF-8 text"))
    }
  }
}
