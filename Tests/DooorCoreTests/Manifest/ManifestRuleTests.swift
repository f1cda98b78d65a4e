import DooorCore
import Foundation
import Testing

/// One small invalid manifest per validation rule, each checked for the exact messages and
/// the line and column of each.
@Suite(.timeLimit(.minutes(5))) struct ManifestRuleTests {
  struct Expected: CustomTestStringConvertible {
    var fixture: String
    var errors: [String]
    var testDescription: String { fixture }
  }

  static let cases: [Expected] = [
    Expected(
      fixture: "syntax-error.yaml",
      errors: [
        "syntax-error.yaml:6:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 4, column 11)"
      ]),
    Expected(
      fixture: "duplicate-key.yaml",
      errors: [
        "duplicate-key.yaml:6:5: error: duplicate key \"name\"; first written at line 4, column 5",
        "duplicate-key.yaml:7:10: error: cpu must be a positive quantity, found \"0\"",
      ]),
    Expected(
      fixture: "unknown-key.yaml",
      errors: [
        "unknown-key.yaml:2:1: error: unknown key \"databses\" in manifest document; did you mean \"databases\"?",
        "unknown-key.yaml:5:5: error: unknown key \"nmae\" in database; did you mean \"name\"?",
        "unknown-key.yaml:8:5: error: unknown key \"storage_gb\" in database; did you mean \"storageGb\"?",
      ]),
    Expected(
      fixture: "wrong-type.yaml",
      errors: [
        "wrong-type.yaml:2:8: error: prune must be true or false, found the string \"yes\"",
        "wrong-type.yaml:5:11: error: name must be a string, found a list",
        "wrong-type.yaml:7:16: error: storageGb must be an integer (gigabytes), found the string \"20\"",
        "wrong-type.yaml:8:14: error: protect must be true or false, found the string \"true\"",
        "wrong-type.yaml:9:16: error: dependsOn must be a list of slugs, found the string \"cache\"",
      ]),
    Expected(
      fixture: "missing-required.yaml",
      errors: [
        "missing-required.yaml:1:1: error: manifest document is missing required key \"workspace\"",
        "missing-required.yaml:2:5: error: database is missing required key \"engine\"",
        "missing-required.yaml:7:5: error: database is missing required key \"slug\"",
      ]),
    Expected(
      fixture: "invalid-slug.yaml",
      errors: [
        "invalid-slug.yaml:3:11: error: slug \"Production_DB\" must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit",
        "invalid-slug.yaml:6:11: error: slug \"this-slug-is-much-too-long-to-be-a-dns-label-because-it-has-64-chars\" must be at most 63 characters (it has 68)",
      ]),
    Expected(
      fixture: "unknown-engine.yaml",
      errors: [
        "unknown-engine.yaml:5:13: error: unknown engine \"postgres\"; expected one of postgresql, mysql, redis; did you mean \"postgresql\"?"
      ]),
    Expected(
      fixture: "invalid-quantity.yaml",
      errors: [
        "invalid-quantity.yaml:6:10: error: cpu must be a positive quantity, found \"0\"",
        "invalid-quantity.yaml:7:13: error: memory \"1GB\" is not a Kubernetes quantity (examples: 500m, 2, 1Gi, 512Mi)",
        "invalid-quantity.yaml:11:10: error: cpu must be a positive quantity, found \"-250m\"",
      ]),
    Expected(
      fixture: "storage-range.yaml",
      errors: [
        "storage-range.yaml:6:16: error: storageGb must be an integer in 1..1024, found 2000",
        "storage-range.yaml:10:16: error: storageGb must be an integer (gigabytes), found the string \"1.5\"",
      ]),
    Expected(
      fixture: "duplicate-slug",
      errors: [
        "duplicate-slug/second.yaml:6:11: error: slug \"app\" is declared twice in workspace \"duplicate-slug\"; first at duplicate-slug/first.yaml:3:11"
      ]),
    Expected(
      fixture: "depends-unknown.yaml",
      errors: [
        "depends-unknown.yaml:6:17: error: \"app\" depends on unknown database \"cahce\" in workspace \"depends-unknown\"; did you mean \"cache\"?",
        "depends-unknown.yaml:6:24: error: \"app\" depends on unknown database \"queue\" in workspace \"depends-unknown\"",
        // "ap" is one slip from "app" itself, which is no answer.
        "depends-unknown.yaml:6:31: error: \"app\" depends on unknown database \"ap\" in workspace \"depends-unknown\"",
      ]),
    Expected(
      fixture: "depends-self.yaml",
      errors: ["depends-self.yaml:6:17: error: \"app\" depends on itself"]),
    Expected(
      fixture: "depends-absent.yaml",
      errors: [
        "depends-absent.yaml:7:9: error: \"app\" depends on \"legacy\", which is declared with state: absent at depends-absent.yaml:8:11"
      ]),
    Expected(
      fixture: "dependency-cycle.yaml",
      errors: ["dependency-cycle.yaml:10:5: error: dependency cycle: a -> b -> c -> a"]),
    Expected(
      fixture: "prune-conflict",
      errors: [
        "prune-conflict/second.yaml:2:8: error: prune is false here but true at prune-conflict/first.yaml:2:8 for workspace \"prune-conflict\""
      ]),
    Expected(
      fixture: "unset-variable.yaml",
      errors: [
        "unset-variable.yaml:1:12: error: environment variable DOOORDB_TEST_UNSET_WORKSPACE is not set and has no default (write ${DOOORDB_TEST_UNSET_WORKSPACE:-default} to give one)",
        "unset-variable.yaml:7:13: error: unterminated \"${\" in value (write \"$${\" for a literal \"${\")",
      ]),
    Expected(
      fixture: "ignore-changes.yaml",
      errors: [
        "ignore-changes.yaml:6:21: error: engine cannot be in ignoreChanges: an engine change always replaces",
        "ignore-changes.yaml:6:29: error: unknown field \"cpus\" in ignoreChanges; expected one of name, version, cpu, memory, storageGb, storageClass; did you mean \"cpu\"?",
      ]),
    Expected(
      fixture: "invalid-state.yaml",
      errors: ["invalid-state.yaml:6:12: error: state must be present or absent, found \"deleted\""]
    ),
    Expected(
      fixture: "not-a-mapping.yaml",
      errors: [
        "not-a-mapping.yaml:1:1: error: a manifest document must be a mapping, found a list",
        "not-a-mapping.yaml:5:5: error: each entry of databases must be a mapping, found the string \"app\"",
      ]),
  ]

  @Test(arguments: cases)
  func reportsEveryProblemAtItsPlace(_ expected: Expected) {
    let result = Fixtures.load(expected.fixture)
    #expect(!result.isValid)
    #expect(result.diagnostics.map(\.description) == expected.errors)
  }

  @Test func everyFixtureFileHasACase() throws {
    let covered = Set(Self.cases.map(\.fixture))
    let onDisk = Set(
      Fixtures.sources(".").map { String($0.path.dropFirst(2).split(separator: "/")[0]) })
    #expect(onDisk == covered)
  }

  @Test func problemsInAllFilesAreReportedInOneRun() {
    // Without the unreadable file: with it, unknown `dependsOn` slugs are (rightly) not reported.
    let sources = Fixtures.sources(".").filter { $0.path != "./syntax-error.yaml" }
    let result = ManifestLoader.load(sources, environment: [:])
    let files = Set(result.diagnostics.compactMap { $0.location?.file.split(separator: "/")[1] })
    #expect(files.count == Self.cases.count - 1)
    let oneByOne = Self.cases.filter { $0.fixture != "syntax-error.yaml" }.flatMap { $0.errors }
    #expect(result.diagnostics.count == oneByOne.count)
    #expect(result.diagnostics == result.diagnostics.sorted())
  }
}

/// The schema's invalid fixtures (checked against the JSON Schema by scripts/check-schemas.py)
/// must be rejected by the loader too, so the schema never forbids what dooordb accepts.
@Suite(.timeLimit(.minutes(5))) struct SchemaAgreementTests {
  static let directory = TestPaths.fixtures.appendingPathComponent("schema-invalid")

  @Test func loaderRejectsEverySchemaInvalidFixture() {
    let sources = Fixtures.sources(".", under: Self.directory)
    #expect(sources.count >= 10)
    for source in sources {
      let result = ManifestLoader.load([source], environment: [:])
      #expect(!result.isValid, "\(source.path) passes the loader but not the schema")
    }
  }
}
