import Foundation
import Testing

/// `plan` and `drift` with `--format json|markdown` print one document on stdout also when
/// they fail (CONTRACT §10), so a CI job posting stdout posts the errors; exit codes and the
/// human text on stderr stay as they were.
@Suite(.timeLimit(.minutes(3))) struct ReviewFailureDocumentTests {
  static let key = "dor_sk_review_secret_4417"

  static let invalidManifest = """
    workspace: acme
    databases:
      - slug: Orders
        name: Orders
        engine: postgres
    """

  /// Runs `dooordb` in a scratch directory holding `files`.
  static func run(
    _ arguments: [String], files: [String: String], environment: [String: String] = [:]
  ) async throws -> DooordbProcess.Result {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for (name, text) in files { try scratch.write(name, text) }
    return try await DooordbProcess.run(
      arguments, in: scratch.url, environment: ["NO_COLOR": "1"].merging(environment) { $1 })
  }

  /// The one json document on stdout, which must be an error document.
  static func errorDocument(_ result: DooordbProcess.Result) throws -> [[String: Any]] {
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
      "not one json document: \(result.stdout)")
    #expect(document["formatVersion"] as? Int == 1)
    #expect(document["status"] as? String == "error")
    #expect(Set(document.keys) == ["formatVersion", "status", "errors"])
    let errors = try #require(document["errors"] as? [[String: Any]])
    #expect(!errors.isEmpty)
    for error in errors {
      #expect(error["message"] is String)
      #expect(Set(error.keys) == ["message", "file", "line", "column"])
    }
    return errors
  }

  static func expectCallout(_ result: DooordbProcess.Result, command: String, containing: String) {
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "### dooordb \(command)", "\(result.stdout)")
    #expect(lines.contains("> [!CAUTION]"), "\(result.stdout)")
    #expect(
      lines.contains { $0.hasPrefix("> - ") && $0.contains(containing) }, "\(result.stdout)")
  }

  @Test(arguments: ["plan", "drift"])
  func invalidManifestsGiveAnErrorDocumentWithTheirPlaces(_ command: String) async throws {
    let files = ["manifests/acme.yaml": Self.invalidManifest]
    let environment = ["DOOOR_API_URL": "http://127.0.0.1:1/api/v1", "DOOOR_API_KEY": Self.key]
    let json = try await Self.run(
      [command, "manifests", "--format", "json"], files: files, environment: environment)
    #expect(json.exitCode == 1)
    let errors = try Self.errorDocument(json)
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.allSatisfy { $0["file"] as? String == "manifests/acme.yaml" })
    #expect(errors.contains { $0["line"] as? Int == 3 && $0["column"] as? Int == 11 })
    #expect(json.stderr.contains("manifests/acme.yaml:5:"), "\(json.stderr)")

    let markdown = try await Self.run(
      [command, "manifests", "--format", "markdown"], files: files, environment: environment)
    #expect(markdown.exitCode == 1)
    Self.expectCallout(markdown, command: command, containing: "manifests/acme.yaml:3:11")
    #expect(markdown.stderr.contains("manifests/acme.yaml:3:11: error:"))
  }

  @Test(arguments: ["plan", "drift"])
  func noKeyGivesAnErrorDocument(_ command: String) async throws {
    let files = ["acme.yaml": TestManifests.acmeOrders]
    let json = try await Self.run([command, "acme.yaml", "--format", "json"], files: files)
    #expect(json.exitCode == 1)
    let errors = try Self.errorDocument(json)
    let message = errors.first?["message"] as? String ?? ""
    #expect(message.contains("DOOOR_API_KEY"))
    #expect(errors.first?["file"] is NSNull)
    #expect(json.stderr.contains("DOOOR_API_KEY"), "stderr keeps the text: \(json.stderr)")

    let markdown = try await Self.run([command, "acme.yaml", "--format", "markdown"], files: files)
    #expect(markdown.exitCode == 1)
    Self.expectCallout(markdown, command: command, containing: "--api-key-file")
  }

  @Test(arguments: ["plan", "drift"])
  func anAPIThatRefusesTheKeyGivesAnErrorDocumentWithoutTheKey(_ command: String) async throws {
    let server = try ScriptedHTTPServer { _ in
      .json(status: 401, body: #"{"error":{"code":"unauthorized","message":"invalid API key"}}"#)
    }
    defer { server.stop() }
    let environment = ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": Self.key]
    let files = ["acme.yaml": TestManifests.acmeOrders]
    for format in ["json", "markdown"] {
      let result = try await Self.run(
        [command, "acme.yaml", "--format", format, "--verbose"], files: files,
        environment: environment)
      #expect(result.exitCode == 1, "\(result.stderr)")
      if format == "json" {
        _ = try Self.errorDocument(result)
      } else {
        Self.expectCallout(result, command: command, containing: "401")
      }
      #expect(!(result.stdout + result.stderr).contains(Self.key))
      #expect(!(result.stdout + result.stderr).contains("review_secret"))
    }
  }

  @Test(arguments: ["plan", "drift"])
  func anAPIThatIsDownGivesAnErrorDocument(_ command: String) async throws {
    // Nothing listens on port 1: every try is refused, and the client gives up after its retries.
    let result = try await Self.run(
      [command, "acme.yaml", "--format", "json"], files: ["acme.yaml": TestManifests.acmeOrders],
      environment: ["DOOOR_API_URL": "http://127.0.0.1:1/api/v1", "DOOOR_API_KEY": Self.key])
    #expect(result.exitCode == 1)
    let errors = try Self.errorDocument(result)
    let message = errors.first?["message"] as? String ?? ""
    #expect(message.contains("cannot connect to 127.0.0.1:1 (connection refused)"), "\(message)")
    #expect(result.stderr.contains("cannot connect to 127.0.0.1:1 (connection refused)"))
    #expect(!(result.stdout + result.stderr).contains(Self.key))
  }

  @Test(arguments: ["plan", "drift"])
  func anInvalidPolicyFileGivesAnErrorDocument(_ command: String) async throws {
    let files = [
      "acme.yaml": TestManifests.acmeOrders,
      "team.policy.yaml": "policies:\n  - name: x\n    forbid: [delet]\n",
    ]
    let result = try await Self.run(
      [command, "acme.yaml", "--policy", "team.policy.yaml", "--format", "json"], files: files,
      environment: ["DOOOR_API_KEY": Self.key, "DOOOR_API_URL": "http://127.0.0.1:1/api/v1"])
    #expect(result.exitCode == 1)
    let errors = try Self.errorDocument(result)
    #expect(
      errors.contains {
        $0["file"] as? String == "team.policy.yaml" && $0["line"] as? Int == 3
          && $0["column"] as? Int == 14
      }, "\(errors)")
    #expect(result.stderr.contains("team.policy.yaml:3:14: error:"))
  }

  @Test(arguments: ["plan", "drift"])
  func aMaxCharsTooSmallForTheVerdictIsAUsageError(_ command: String) async throws {
    let result = try await Self.run(
      [command, "acme.yaml", "--format", "markdown", "--max-chars", "999"],
      files: ["acme.yaml": TestManifests.acmeOrders])
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("--max-chars must be at least 1000"), "\(result.stderr)")
  }

  @Test(arguments: [
    (["plan", "missing-folder"], "missing-folder"),
    (["plan", "empty"], "empty"),
    (["plan", "acme.yaml", "--workspace", "nope"], "--workspace nope"),
  ])
  func invalidInputPrintsNoPlanSummary(_ arguments: [String], named: String) async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders)
    try FileManager.default.createDirectory(
      at: scratch.file("empty"), withIntermediateDirectories: true)
    let result = try await DooordbProcess.run(
      arguments, in: scratch.url,
      environment: ["DOOOR_API_KEY": Self.key, "DOOOR_API_URL": "http://127.0.0.1:1/api/v1"])
    #expect(result.exitCode == 1)
    #expect(!result.stdout.contains("Plan: 0 to create"), "\(result.stdout)")
    #expect(!(result.stdout + result.stderr).contains("Plan:"))
    #expect(result.stderr.contains(named), "\(result.stderr)")
    #expect(result.stderr.contains("error:"), "\(result.stderr)")
  }
}
