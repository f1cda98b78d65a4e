import DooorCore
import DooorTestSupport
import Foundation
import Testing

/// Every broken policy file under `Fixtures/bad-policies/` is rejected with the located
/// diagnostics its `.expected` file records. `RECORD_GOLDEN=1` rewrites them (and fails).
@Suite(.timeLimit(.minutes(1)))
struct BadPolicyCorpusTests {
  static let directory = TestPaths.fixtures.appendingPathComponent("bad-policies")

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }
      .sorted()
  }()

  @Test func theCorpusHasAtLeastTwentyFilesEachWithAGolden() {
    #expect(Self.names.count >= 20)
    for name in Self.names {
      let golden = Self.directory.appendingPathComponent(name + ".expected").path
      #expect(FileManager.default.fileExists(atPath: golden), "\(name).yaml has no .expected")
    }
  }

  @Test(arguments: names)
  func eachBadPolicyFileIsRejectedAsRecorded(name: String) throws {
    let text = try String(
      contentsOf: Self.directory.appendingPathComponent(name + ".yaml"), encoding: .utf8)
    let source = ManifestSource(path: "bad-policies/\(name).yaml", text: text)
    let result = PolicyLoader.load([source], environment: [:])
    #expect(result == PolicyLoader.load([source], environment: [:]), "not deterministic")
    #expect(!result.isValid, "accepted")
    for diagnostic in result.diagnostics {
      #expect(diagnostic.location != nil, "\(diagnostic) has no position")
    }
    Golden.check(
      result.diagnostics.map { "\($0)\n" }.joined(), at: Self.directory,
      against: name + ".expected")
  }

  @Test func problemsOfSeveralFilesComeTogetherSortedByPlace() {
    let result = PolicyLoader.load(
      [
        ManifestSource(path: "b.yaml", text: "policies:\n  - name: x\n    forbid: [drop]\n"),
        ManifestSource(path: "a.yaml", text: "policies:\n  - name: y\n    maxDestroy: -1\n"),
      ], environment: [:])
    #expect(result.diagnostics.map { $0.location?.file } == ["a.yaml", "b.yaml"])
  }

  @Test func theExamplePolicyIsValid() throws {
    let url = TestPaths.repositoryRoot.appendingPathComponent(
      "examples/policies/team.policy.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    let result = PolicyLoader.load(
      [ManifestSource(path: "team.policy.yaml", text: text)], environment: [:])
    #expect(result.isValid, "\(result.diagnostics)")
    #expect(result.policies.count == 4)
  }
}
