import DooorCore
import DooorTestSupport
import Foundation
import Testing

/// Every broken manifest under `Fixtures/bad-inputs/` is rejected with the diagnostics its
/// `.expected` file records, each placed at a line and column, the same on every load.
/// `RECORD_GOLDEN=1 swift test --filter BadInputCorpusTests` rewrites the `.expected` files.
@Suite(.timeLimit(.minutes(5))) struct BadInputCorpusTests {
  static let directory = TestPaths.fixtures.appendingPathComponent("bad-inputs")
  /// A set variable, so files can use one that expands to something invalid.
  static let environment = [
    "DOOORDB_BAD_INPUT_SET": "set", "DOOORDB_BAD_INPUT_SPACES": "has spaces",
  ]

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }
      .sorted()
  }()

  @Test func theCorpusIsLargeAndEveryFileHasAGolden() throws {
    #expect(Self.names.count >= 50)
    if Golden.isRecording { return }
    for name in Self.names {
      let golden = Self.directory.appendingPathComponent(name + ".expected").path
      #expect(FileManager.default.fileExists(atPath: golden), "\(name).yaml has no .expected")
    }
  }

  @Test(arguments: names)
  func eachBadInputIsRejectedAsRecorded(name: String) async throws {
    let data = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".yaml"))
    let source = ManifestSource(
      path: "bad-inputs/\(name).yaml",
      text: String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self))
    // The command line refuses bytes that are not UTF-8 before the core sees them (checked
    // end to end); the core must still cope with what a lossy decoding makes of them.
    let isUTF8 = String(data: data, encoding: .utf8) != nil
    #expect(isUTF8 != name.hasPrefix("non-utf8-"), "only non-utf8-* files may hold non-UTF-8")
    let report = await Self.checkedLoad(source, mustReject: isUTF8)
    Self.compare(report, withGolden: name)
  }

  /// A 10 MB file, made here rather than committed: many valid databases and one broken one
  /// at the very end, which must still be found and placed.
  @Test func aTenMegabyteFileIsReadToTheEnd() async {
    var text = "workspace: big\ndatabases:\n"
    var index = 0
    while text.utf8.count < 10 * 1024 * 1024 {
      text += "  - slug: db-\(index)\n    name: \"Database number \(index)\"\n    engine: redis\n"
      text +=
        "    memory: 512Mi\n    # padding to make the file large quickly, like generated manifests\n"
      index += 1
    }
    text += "  - slug: Last_One\n    name: Last\n    engine: redis\n"
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let report = await Self.checkedLoad(ManifestSource(path: "big.yaml", text: text))
    let expected = "big.yaml:\(lines - 3):11: error: slug \"Last_One\" must be a DNS-1123 label"
    #expect(report.contains(expected), "\(report.prefix(500))")
    #expect(report.split(separator: "\n").count == 1)
  }

  /// Nesting far deeper than any manifest: rejected with a position, without exhausting the
  /// stack.
  @Test(arguments: [("flow", 10_000), ("block", 2_000)])
  func deepNestingIsRejected(style: String, depth: Int) async {
    let text: String
    if style == "flow" {
      text =
        "workspace: deep\ndatabases: " + String(repeating: "[", count: depth)
        + String(repeating: "]", count: depth) + "\n"
    } else {
      text =
        "workspace: deep\ndatabases:\n"
        + (0..<depth).map { String(repeating: " ", count: $0 + 2) + "- \n" }.joined()
    }
    let report = await Self.checkedLoad(ManifestSource(path: "deep.yaml", text: text))
    #expect(!report.isEmpty)
  }

  /// A value of several megabytes in one scalar.
  @Test func aHugeScalarIsRejectedWithoutBeingEchoedWhole() async {
    let huge = String(repeating: "x", count: 4 * 1024 * 1024)
    let text = "workspace: huge\ndatabases:\n  - slug: \(huge)\n    name: A\n    engine: redis\n"
    let report = await Self.checkedLoad(ManifestSource(path: "huge.yaml", text: text))
    #expect(report.hasPrefix("huge.yaml:3:11: error:"))
    #expect(report.utf8.count < 1024, "a diagnostic repeats a huge value whole")
  }

  /// Loads twice, checks the invariants every rejected input must meet, and returns the
  /// diagnostics as `validate` prints them.
  static func checkedLoad(
    _ source: ManifestSource, mustReject: Bool = true,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) async -> String {
    // Loading megabytes takes seconds: do it on a thread of its own, not on one of the few
    // threads every concurrently running test (and its in-process servers) shares.
    let (result, again) = await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          returning: (
            ManifestLoader.load([source], environment: environment),
            ManifestLoader.load([source], environment: environment)
          ))
      }
    }
    #expect(result == again, "loading is not deterministic", sourceLocation: sourceLocation)
    if mustReject {
      #expect(!result.isValid, "accepted", sourceLocation: sourceLocation)
    }
    for diagnostic in result.diagnostics {
      let located = diagnostic.location.map { $0.line >= 1 && $0.column >= 1 } ?? false
      #expect(located, "\(diagnostic) has no position", sourceLocation: sourceLocation)
      // A value quoted from the file (terminal-escapes-in-values.yaml) must not reach a
      // terminal raw: no control or format character in any message.
      let hidden = diagnostic.message.unicodeScalars.filter {
        [.control, .format].contains($0.properties.generalCategory)
      }
      #expect(
        hidden.isEmpty, "\(diagnostic) holds raw \(hidden.map { String($0.value, radix: 16) })",
        sourceLocation: sourceLocation)
    }
    return result.diagnostics.map(\.description).joined(separator: "\n")
  }

  static func compare(
    _ report: String, withGolden name: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    Golden.check(
      report + "\n", at: directory, against: name + ".expected", sourceLocation: sourceLocation)
  }

}
