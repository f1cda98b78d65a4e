import Foundation
import Testing

/// `dooordb validate` as a user runs it: the built binary, its exit code, stdout and stderr.
@Suite(.timeLimit(.minutes(5))) struct ValidateEndToEndTests {
  static let invalidFixtures = "Tests/DooorCoreTests/Fixtures/manifests"

  @Test func examplesAreValidWithoutAnyEnvironment() async throws {
    let result = try await DooordbProcess.run(["validate", "examples"])
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.contains("workspace demo: 3 databases (3 present, 0 absent), prune off"))
    #expect(lines.allSatisfy { $0.hasPrefix("workspace ") })
  }

  @Test func environmentPicksTheWorkspace() async throws {
    let result = try await DooordbProcess.run(
      ["validate", "examples/environments"],
      environment: ["DOOOR_ENV": "production", "PRUNE": "true", "SCRATCH_STATE": "absent"])
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(
      result.stdout == "workspace acme-production: 3 databases (2 present, 1 absent), prune on\n")
  }

  @Test func invalidFixturesExitOneWithLocatedErrorsOnStderr() async throws {
    let result = try await DooordbProcess.run(["validate", Self.invalidFixtures])
    #expect(result.exitCode == 1)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count > 20)
    let pattern = /^Tests\/DooorCoreTests\/Fixtures\/manifests\/[^:]+\.yaml:\d+:\d+: error: .+$/
    for line in lines {
      #expect(line.wholeMatch(of: pattern) != nil, "not FILE:LINE:COL: error: MESSAGE: \(line)")
    }
    #expect(
      lines.contains(
        "Tests/DooorCoreTests/Fixtures/manifests/dependency-cycle.yaml:10:5: error: dependency cycle: a -> b -> c -> a"
      ))
  }

  @Test func jsonFormatPrintsOneDocumentOnStdout() async throws {
    let result = try await DooordbProcess.run(
      ["validate", Self.invalidFixtures + "/unknown-engine.yaml", "--format", "json"])
    #expect(result.exitCode == 1)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["formatVersion"] as? Int == 1)
    #expect(document["valid"] as? Bool == false)
    let errors = try #require(document["errors"] as? [[String: Any]])
    #expect(errors.count == 1)
    #expect(errors.first?["line"] as? Int == 5)
    #expect(errors.first?["column"] as? Int == 13)
    #expect(
      (errors.first?["file"] as? String)?.hasSuffix("unknown-engine.yaml") == true)

    let valid = try await DooordbProcess.run(["validate", "examples", "--format", "json"])
    #expect(valid.exitCode == 0)
    let validDocument = try #require(
      try JSONSerialization.jsonObject(with: Data(valid.stdout.utf8)) as? [String: Any])
    #expect(validDocument["valid"] as? Bool == true)
    #expect((validDocument["workspaces"] as? [Any])?.count == 2)
  }

  @Test func aFileReachedTwiceIsReadOnce() async throws {
    let once = try await DooordbProcess.run(["validate", "examples"])
    let twice = try await DooordbProcess.run(["validate", "examples", "examples/basic/app.yaml"])
    #expect(twice.exitCode == 0, "stderr: \(twice.stderr)")
    #expect(twice.stdout == once.stdout)
  }

  @Test func missingPathIsAnError() async throws {
    let result = try await DooordbProcess.run(["validate", "no/such/manifests"])
    #expect(result.exitCode == 1)
    #expect(result.stderr == "no/such/manifests:1:1: error: no such file or directory\n")
  }

  @Test func noPathReadsTheCurrentDirectory() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("dooordb-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "workspace: here\ndatabases:\n  - {slug: a, name: A, engine: redis}\n"
      .write(to: directory.appendingPathComponent("db.yml"), atomically: true, encoding: .utf8)
    try "not: [valid".write(
      to: directory.appendingPathComponent(".hidden/broken.yaml"), atomically: true,
      encoding: .utf8)
    try "not yaml at all: [".write(
      to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let result = try await DooordbProcess.run(["validate"], in: directory)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == "workspace here: 1 database (1 present, 0 absent), prune off\n")
  }
}
