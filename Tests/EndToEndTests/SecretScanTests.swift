import DooorCore
import DooorLocalAPI
import Foundation
import Testing

/// Runs every command, on success and error paths, with and without `--verbose`, with
/// distinctive secrets, and checks that neither the API key nor any database password appears
/// in anything printed or written, except `connection`'s output, which must hold the password.
@Suite(.timeLimit(.minutes(5))) struct SecretScanTests {
  static let apiKey = "dor_sk_SECRETKEY_xyz123"
  static let wrongKey = "dor_sk_SECRETKEY_wrong987"
  static let seededPassword = "PwSEEDED_secret_5521"

  static let manifest = """
    workspace: vault
    prune: true
    databases:
      - slug: main-db
        name: Main
        engine: postgresql
        cpu: 500m
        dependsOn: [cache]
      - slug: cache
        name: Cache
        engine: redis
    """
  static let updated = manifest.replacingOccurrences(of: "cpu: 500m", with: "cpu: 750m")
  /// The server refuses this version (422) although the manifest is valid.
  static let refused =
    manifest + """

        - slug: legacy
          name: Legacy
          engine: mysql
          version: "5"
      """

  /// Everything that was printed or written, with what produced it.
  struct Transcript {
    var entries: [(label: String, text: String)] = []

    mutating func add(_ label: String, _ result: DooordbProcess.Result) {
      entries.append(("\(label) [stdout]", result.stdout))
      entries.append(("\(label) [stderr]", result.stderr))
    }

    func check(secrets: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
      for (label, text) in entries {
        for secret in secrets where text.contains(secret) {
          Issue.record("\(label) leaks \(secret)", sourceLocation: sourceLocation)
        }
      }
    }
  }

  @Test func noCommandLeaksTheKeyOrAPassword() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try Self.seedState(scratch.file("state.json"))
    try scratch.write("server-key", Self.apiKey)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: scratch.file("server-key").path)
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"),
      extraArguments: ["--api-key-file", scratch.file("server-key").path])
    var serverStopped = false
    defer { if !serverStopped { server.stop() } }
    let environment = ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": Self.apiKey]
    var transcript = Transcript()
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws
      -> DooordbProcess.Result
    {
      let result = try await DooordbProcess.run(
        arguments, in: scratch.url, environment: environment.merging(extra) { _, new in new })
      transcript.add(arguments.joined(separator: " "), result)
      return result
    }
    try scratch.write("manifests/vault.yaml", Self.manifest)

    #expect(try await run(["validate", "manifests"]).exitCode == 0)
    for verbose in [[], ["--verbose"]] {
      for format in ["text", "json", "markdown"] {
        #expect(try await run(["plan", "manifests", "--format", format] + verbose).exitCode == 0)
      }
      let saved = try await run(["plan", "manifests", "--out", "saved.json"] + verbose)
      #expect(saved.exitCode == 0)
      transcript.entries.append(
        ("saved plan file", try String(contentsOf: scratch.file("saved.json"), encoding: .utf8)))
      #expect(try await run(["list", "--workspace", "vault"] + verbose).exitCode == 0)
      #expect(
        try await run(["list", "--workspace", "vault", "--format", "json"] + verbose).exitCode == 0)
      #expect(try await run(["get", "--workspace", "vault", "seeded"] + verbose).exitCode == 0)
      #expect(
        try await run(["get", "--workspace", "vault", "seeded", "--format", "json"] + verbose)
          .exitCode
          == 0)
      // 404, and 401 with a wrong key that must not be echoed either.
      #expect(try await run(["get", "--workspace", "vault", "missing"] + verbose).exitCode == 1)
      let unauthorized = try await run(
        ["list", "--workspace", "vault"] + verbose, environment: ["DOOOR_API_KEY": Self.wrongKey])
      #expect(unauthorized.exitCode == 1)
    }

    // The seeded database is unmanaged and prune is on: deleting it needs --allow-destroy.
    let applied = try await run(["apply", "manifests", "--auto-approve", "--allow-destroy"])
    #expect(applied.exitCode == 0, "\(applied.stderr)")
    try scratch.write("manifests/vault.yaml", Self.updated)
    let verboseJSON = try await run(
      ["apply", "manifests", "--auto-approve", "--format", "json", "--verbose"])
    #expect(verboseJSON.exitCode == 0, "\(verboseJSON.stderr)")
    try scratch.write("manifests/vault.yaml", Self.refused)
    let rejected = try await run(["apply", "manifests", "--auto-approve", "--verbose"])
    #expect(rejected.exitCode == 1)
    try scratch.write("manifests/vault.yaml", Self.updated)
    _ = try await run(["plan", "manifests", "--detailed-exitcode", "--verbose"])
    for verbose in [[], ["--verbose"]] {
      let exported = try await run(
        ["export", "--workspace", "vault", "--out", "exported.yaml"] + verbose)
      #expect(exported.exitCode == 0, "\(exported.stderr)")
      transcript.entries.append(
        (
          "export --out file",
          try String(contentsOf: scratch.file("exported.yaml"), encoding: .utf8)
        )
      )
      #expect(try await run(["export", "--workspace", "vault"] + verbose).exitCode == 0)
      for format in ["text", "json", "markdown"] {
        let drift = try await run(["drift", "manifests", "--format", format] + verbose)
        #expect([0, 2].contains(drift.exitCode), "\(drift.stderr)")
      }
      #expect(try await run(["graph", "manifests"] + verbose).exitCode == 0)
    }

    // The passwords the server generated, read the one sanctioned way.
    var passwords = [Self.seededPassword]
    for slug in ["main-db", "cache"] {
      for verbose in [[], ["--verbose"]] {
        let connection = try await DooordbProcess.run(
          ["connection", "--workspace", "vault", slug, "--format", "json"] + verbose,
          in: scratch.url, environment: environment)
        #expect(connection.exitCode == 0, "\(connection.stderr)")
        let fields = try JSONSerialization.jsonObject(with: Data(connection.stdout.utf8))
        let password = try #require((fields as? [String: Any])?["password"] as? String)
        #expect(password.count >= 12)
        #expect(!connection.stderr.contains(password))
        #expect(!connection.stderr.contains(Self.apiKey))
        passwords.append(password)
      }
    }
    let env = try await DooordbProcess.run(
      ["connection", "--workspace", "vault", "main-db", "--env-prefix", "DB"], in: scratch.url,
      environment: environment)
    #expect(env.stdout.contains("DB_PASSWORD="))
    #expect(passwords.dropFirst().contains { env.stdout.contains($0) })

    // A server that fails every request: the 5xx error path.
    let failing = try LocalServerProcess(
      stateFile: scratch.file("failing-state.json"), extraArguments: ["--fail-rate", "1"])
    for verbose in [[], ["--verbose"]] {
      let result = try await DooordbProcess.run(
        ["apply", "manifests", "--auto-approve"] + verbose, in: scratch.url,
        environment: ["DOOOR_API_URL": failing.url, "DOOOR_API_KEY": Self.apiKey])
      #expect(result.exitCode == 1)
      transcript.add("apply against a failing server", result)
    }
    transcript.entries.append(("failing local serve [stderr]", failing.stop().1))
    transcript.entries.append(("local serve [stderr]", server.stop().1))
    serverStopped = true

    #expect(transcript.entries.count > 50)
    transcript.check(secrets: [Self.apiKey, Self.wrongKey] + passwords)
  }

  /// One unmanaged database whose password the test knows in advance.
  static func seedState(_ url: URL) throws {
    let epoch = Date(timeIntervalSince1970: 1_744_275_600)
    try LocalStateFile.save(
      LocalAPIState(
        nextSequence: 2,
        databases: [
          LocalDatabaseRecord(
            id: "db_0000000001", workspace: "vault", slug: "seeded", name: "Seeded",
            engine: .postgresql, version: "16", cpu: "250m", memory: "512Mi", storageGb: 10,
            storageClass: "standard", createdAt: epoch, updatedAt: epoch, transition: nil,
            failing: false, username: "app_user", password: seededPassword, databaseName: "app")
        ]), to: url)
  }
}
