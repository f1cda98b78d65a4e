import DooorCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct ManifestLoaderTests {
  func load(_ files: [String: String], environment: [String: String] = [:]) -> ManifestLoadResult {
    ManifestLoader.load(
      files.keys.sorted().map { ManifestSource(path: $0, text: files[$0]!) },
      environment: environment)
  }

  @Test func readsEveryFieldIntoTheModel() throws {
    let result = load([
      "a.yaml": """
      # yaml-language-server: $schema=../schemas/manifest.schema.json
      workspace: acme
      prune: true
      databases:
        - slug: app
          name: App
          engine: postgresql
          version: 16
          cpu: 500m
          memory: 1Gi
          storageGb: 20
          storageClass: fast
          dependsOn: [cache]
          protect: true
          ignoreChanges: [cpu, storageClass]
        - slug: cache
          name: Cache
          engine: redis
          version: 7.0
          dependsOn: []
        - slug: legacy
          name: Legacy
          engine: mysql
          state: absent
      """
    ])
    #expect(result.diagnostics == [])
    let workspace = try #require(result.desired.workspace("acme"))
    #expect(workspace.prune)
    let app = try #require(workspace.database("app"))
    #expect(app.engine == .postgresql)
    #expect(app.version == "16")
    #expect(app.cpu == (try Quantity(parsing: "0.5")))
    #expect(app.memory?.text == "1Gi")
    #expect(app.storageGb == 20)
    #expect(app.storageClass == "fast")
    #expect(app.dependsOn == ["cache"])
    #expect(app.protect)
    #expect(app.ignoreChanges == [.cpu, .storageClass])
    #expect(app.state == .present)
    #expect(app.location == SourceLocation(file: "a.yaml", line: 5, column: 5))
    #expect(app.location(of: "storageGb") == SourceLocation(file: "a.yaml", line: 11, column: 5))
    #expect(Set(app.keyLocations.keys) == Set(ManifestKeys.database).subtracting(["state"]))
    let cache = try #require(workspace.database("cache"))
    #expect(cache.version == "7.0")
    #expect(cache.state == .present)
    #expect(cache.location(of: "cpu") == cache.location)
    #expect(workspace.database("legacy")?.state == .absent)
  }

  @Test func mergesAWorkspaceAcrossFilesAndDocuments() throws {
    let result = load([
      "one.yaml": """
      workspace: acme
      databases:
        - {slug: b, name: B, engine: mysql}
      ---
      # an empty document is ignored
      ---
      workspace: other
      """,
      "two.yml": """
      workspace: acme
      prune: true
      databases:
        - {slug: a, name: A, engine: redis}
      """,
    ])
    #expect(result.diagnostics == [])
    #expect(result.desired.workspaces.map(\.name) == ["acme", "other"])
    let acme = try #require(result.desired.workspace("acme"))
    #expect(acme.databases.map(\.slug) == ["a", "b"])
    #expect(acme.prune, "prune set in one place applies to the whole workspace")
    #expect(result.desired.workspace("other")?.databases == [])
  }

  @Test func expandsVariablesWithDefaultsAndEscapes() throws {
    let result = load(
      [
        "a.yaml": """
          workspace: ${WS}
          prune: ${PRUNE:-false}
          databases:
            - slug: ${SLUG:-app}
              name: "costs $$5, literal $${HOME}, ${EMPTY:-fallback}"
              engine: postgresql
              storageGb: ${SIZE}
        """
      ], environment: ["WS": "acme", "SIZE": "30", "EMPTY": ""])
    #expect(result.diagnostics == [])
    let app = try #require(result.desired.workspace("acme")?.database("app"))
    #expect(app.name == "costs $$5, literal ${HOME}, fallback")
    #expect(app.storageGb == 30)
  }

  @Test func valuesThatCannotBeExpandedAreNotCheckedFurther() {
    let result = load([
      "a.yaml": "workspace: ${NOPE}\nprune: ${NOPE}\ndatabases: ${NOPE}\n"
    ])
    #expect(result.diagnostics.count == 3)
    #expect(result.diagnostics.allSatisfy { $0.message.hasPrefix("environment variable NOPE") })
  }

  @Test func rejectsInvalidVariableNames() {
    let result = load(["a.yaml": "workspace: ${1BAD}\n"])
    #expect(
      result.diagnostics.map(\.description) == [
        "a.yaml:1:12: error: \"1BAD\" is not a valid variable name in ${...} (letters, digits and '_', not starting with a digit)"
      ])
  }

  @Test func anchorsAliasesAndMergeKeysWork() throws {
    let result = load([
      "a.yaml": """
      workspace: acme
      databases:
        - &small
          slug: one
          name: One
          engine: redis
          cpu: 250m
        - <<: *small
          slug: two
          name: Two
      """
    ])
    #expect(result.diagnostics == [])
    let two = try #require(result.desired.workspace("acme")?.database("two"))
    #expect(two.engine == .redis)
    #expect(two.cpu?.text == "250m")
  }

  @Test func optionalKeysWithoutValueAreLeftOut() throws {
    let result = load([
      "a.yaml": """
      workspace: acme
      databases:
        - slug: app
          name: App
          engine: mysql
          cpu:
          storageGb: ~
      """
    ])
    #expect(result.diagnostics == [])
    let app = try #require(result.desired.workspace("acme")?.database("app"))
    #expect(app.cpu == nil)
    #expect(app.storageGb == nil)
  }

  @Test func everyRepeatedKeyIsReported() {
    let result = load([
      "a.yaml": """
      workspace: acme
      workspace: again
      databases:
        - slug: app
          slug: app2
          name: App
          engine: mysql
          engine: redis
      """
    ])
    #expect(
      result.diagnostics.map(\.description) == [
        "a.yaml:2:1: error: duplicate key \"workspace\"; first written at line 1, column 1",
        "a.yaml:5:5: error: duplicate key \"slug\"; first written at line 4, column 5",
        "a.yaml:8:5: error: duplicate key \"engine\"; first written at line 7, column 5",
      ])
  }

  @Test func twoDatabaseCycleIsPrintedFromItsSmallestSlug() {
    let result = load([
      "a.yaml": """
      workspace: acme
      databases:
        - {slug: web, name: Web, engine: mysql, dependsOn: [api]}
        - {slug: api, name: API, engine: redis, dependsOn: [web]}
      """
    ])
    #expect(result.diagnostics.map(\.message) == ["dependency cycle: api -> web -> api"])
  }

  @Test func longDependencyChainsNeedNoDeepRecursion() {
    let count = 5000
    var text = "workspace: acme\ndatabases:\n"
    for index in 0..<count {
      let next = index + 1 < count ? "[db\(index + 1)]" : "[db0]"
      text += "  - {slug: db\(index), name: D, engine: redis, dependsOn: \(next)}\n"
    }
    let result = load(["a.yaml": text])
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.message.hasPrefix("dependency cycle: db0 -> db1 -> ") == true)
  }

  @Test func unknownDependenciesAreNotGuessedWhenAFileCouldNotBeRead() {
    let result = load([
      "a.yaml":
        "workspace: acme\ndatabases:\n  - {slug: app, name: A, engine: mysql, dependsOn: [db]}\n",
      "b.yaml": "workspace: acme\ndatabases: [\n",
    ])
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.location?.file == "b.yaml")
  }

  @Test func workspaceNamesMustBeUsableInAPIPaths() {
    let result = load(["a.yaml": "workspace: acme/prod\n"])
    #expect(
      result.diagnostics.map(\.message) == [
        "workspace \"acme/prod\" may only hold letters, digits, '-', '_' and '.'"
      ])
  }
}

/// The database keys a manifest may hold, as the contract lists them.
enum ManifestKeys {
  static let database = [
    "slug", "name", "engine", "version", "cpu", "memory", "storageGb", "storageClass",
    "dependsOn", "protect", "ignoreChanges", "state",
  ]
}
