import Foundation
import Testing

/// A file with thousands of problems gets its first 100 and a count of the rest, and a run
/// at most 1,000 in all, quickly; nested merge keys and the length limits reach the user too.
@Suite(.timeLimit(.minutes(1))) struct BoundedDiagnosticsEndToEndTests {
  static func manyUnknownKeys(_ count: Int, slug: String = "app") -> String {
    "workspace: acme\ndatabases:\n  - slug: \(slug)\n    name: App\n    engine: redis\n"
      + (0..<count).map { "    unknown\($0): 1\n" }.joined()
  }

  @Test func aFileWithTwentyThousandProblemsShowsAHundredAndCountsTheRest() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("many.yaml", Self.manyUnknownKeys(20_000))
    let result = try BoundedDooordb(["validate", "many.yaml"], in: scratch.url).wait()
    #expect(!result.killedAtDeadline)
    #expect(result.exitCode == 1)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 101)
    #expect(
      lines.last?.hasSuffix("error: ... and 19,900 more in many.yaml") == true,
      "\(lines.last ?? "")")
  }

  @Test func aRunShowsAThousandProblemsInAll() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for file in 0..<12 {
      try scratch.write(
        "m\(file < 10 ? "0" : "")\(file).yaml", Self.manyUnknownKeys(150, slug: "app\(file)"))
    }
    let result = try BoundedDooordb(["validate", "."], in: scratch.url).wait()
    #expect(result.exitCode == 1)
    let lines = result.stderr.split(separator: "\n")
    // 12 files × (100 kept + 1 count) = 1,212: the first 1,000 and one line for the rest.
    #expect(lines.count == 1_001)
    #expect(lines.contains { $0.hasSuffix("error: ... and 212 more in all") }, "\(lines.prefix(2))")
  }

  @Test func nestedMergeKeysAndLengthLimitsThroughValidate() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(
      "merge.yaml",
      """
      workspace: acme
      databases:
        - &base
          slug: base
          name: Base
          engine: postgresql
        - &sized
          <<: *base
          slug: sized
          name: Sized
        - <<: *sized
          slug: app
          name: App
      """)
    let merged = try BoundedDooordb(["validate", "merge.yaml"], in: scratch.url).wait()
    #expect(merged.exitCode == 0, "\(merged.stderr)")
    try scratch.write(
      "long.yaml",
      "workspace: acme\ndatabases:\n  - slug: app\n    name: \(String(repeating: "n", count: 300))\n"
        + "    engine: redis\n")
    let long = try BoundedDooordb(["validate", "long.yaml"], in: scratch.url).wait()
    #expect(long.exitCode == 1)
    #expect(long.stderr.contains("name is 300 characters long; at most 255 are allowed"))
  }
}
