import Foundation
import Testing

/// The recipes' shell steps under `bash -eo pipefail`, with a stub dooordb and a stub forge
/// API: only exit 0 and 2 count as success; a failed plan posts its error document and never
/// an empty comment; anything else (64, 127, 130) fails the job without posting, showing the
/// step's own output; a drift issue is closed when a later run finds no drift; the policy
/// check runs when a policy folder exists.
@Suite(.timeLimit(.minutes(3))) struct CIRecipeStepsTests {
  static let plan = "dooordb-plan.yml"
  static let drift = "dooordb-drift.yml"

  /// Runs one job of a recipe: a GitHub workflow file, or a GitLab job name.
  static func run(
    _ recipe: String, _ stubs: RecipeRunner.Stubs, withPolicies: Bool = false
  ) async throws -> RecipeRunner.Outcome {
    let runner = try RecipeRunner(withPolicies: withPolicies)
    defer { runner.remove() }
    if recipe.hasSuffix(".yml") { return try await runner.runGitHubJob(recipe, stubs: stubs) }
    return try await runner.runGitLabJob(recipe, stubs: stubs)
  }

  static let failures: [Int32?] = [1, 64, nil, 130]

  @Test(arguments: [plan, "dooordb-plan"], [Int32(0), 2])
  func aPlanThatWorksIsPostedAndTheJobSucceeds(_ recipe: String, _ code: Int32) async throws {
    let outcome = try await Self.run(recipe, .init(dooordbExit: code))
    #expect(outcome.succeeded, "\(outcome.output)")
    #expect(outcome.writes.count == 1, "\(outcome.forgeCalls)")
    #expect(outcome.writes.first?.contains("-X POST") == true)
    #expect(outcome.writes.first?.contains("### dooordb plan") == true)
    // The comment may be shortened; the job log gets the whole plan as text.
    #expect(outcome.dooordbCalls.contains { !$0.contains("--format") })
  }

  @Test(arguments: [plan, "dooordb-plan"])
  func anExistingPlanCommentIsUpdated(_ recipe: String) async throws {
    let listing =
      recipe.hasSuffix(".yml") ? "42" : #"[{"id": 42, "body": "<!-- dooordb-plan -->\nold"}]"#
    let outcome = try await Self.run(recipe, .init(dooordbExit: 2, listing: listing))
    #expect(outcome.succeeded, "\(outcome.output)")
    #expect(outcome.writes.count == 1)
    #expect(outcome.writes.first?.contains("/42") == true, "\(outcome.writes)")
  }

  @Test(arguments: [plan, "dooordb-plan"])
  func aFailedPlanPostsItsErrorDocumentAndFailsTheJob(_ recipe: String) async throws {
    let outcome = try await Self.run(recipe, .init(dooordbExit: 1))
    #expect(!outcome.succeeded)
    #expect(outcome.writes.count == 1, "\(outcome.forgeCalls)")
    #expect(outcome.writes.first?.contains("> [!CAUTION]") == true)
  }

  @Test(arguments: [plan, "dooordb-plan"])
  func anEmptyPlanIsNeverPosted(_ recipe: String) async throws {
    let outcome = try await Self.run(recipe, .init(dooordbExit: 1, silent: true))
    #expect(!outcome.succeeded)
    #expect(outcome.writes.isEmpty, "\(outcome.forgeCalls)")
    #expect(outcome.output.contains("empty"), "\(outcome.output)")
  }

  @Test(arguments: [plan, "dooordb-plan", drift, "dooordb-drift"], [Int32?(64), nil, 130])
  func otherExitCodesFailTheJobShowingWhyAndPostNothing(_ recipe: String, _ code: Int32?)
    async throws
  {
    let outcome = try await Self.run(recipe, .init(dooordbExit: code, listing: "9"))
    #expect(!outcome.succeeded, "\(recipe) with exit \(code.map(String.init) ?? "127")")
    #expect(outcome.writes.isEmpty, "\(outcome.forgeCalls)")
    let shown = code == 64 ? "Unknown option" : code == 130 ? "stub interrupted" : "not found"
    #expect(outcome.output.contains(shown), "\(outcome.output)")
    #expect(outcome.output.contains("exited \(code ?? 127)"), "\(outcome.output)")
  }

  @Test(arguments: [drift, "dooordb-drift"])
  func driftFailingFailsTheJobAndLeavesTheIssue(_ recipe: String) async throws {
    let outcome = try await Self.run(recipe, .init(dooordbExit: 1, listing: "9"))
    #expect(!outcome.succeeded)
    #expect(outcome.writes.isEmpty, "\(outcome.forgeCalls)")
    #expect(outcome.output.contains("stub failure"), "\(outcome.output)")
  }

  @Test(arguments: [drift, "dooordb-drift"])
  func driftOpensAnIssueOrUpdatesTheOpenOne(_ recipe: String) async throws {
    let opened = try await Self.run(recipe, .init(dooordbExit: 2, listing: Self.noIssue(recipe)))
    #expect(opened.succeeded, "\(opened.output)")
    #expect(opened.writes.count == 1)
    #expect(opened.writes.first?.contains("-X POST") == true)
    #expect(opened.writes.first?.contains("### dooordb drift") == true, "\(opened.writes)")

    let updated = try await Self.run(recipe, .init(dooordbExit: 2, listing: Self.openIssue(recipe)))
    #expect(updated.succeeded, "\(updated.output)")
    #expect(updated.writes.count == 1)
    #expect(updated.writes.first?.contains("/issues/9") == true, "\(updated.writes)")
  }

  @Test(arguments: [drift, "dooordb-drift"])
  func noDriftClosesTheOpenIssueWithAComment(_ recipe: String) async throws {
    let closed = try await Self.run(recipe, .init(dooordbExit: 0, listing: Self.openIssue(recipe)))
    #expect(closed.succeeded, "\(closed.output)")
    #expect(closed.writes.count == 2, "\(closed.forgeCalls)")
    #expect(closed.writes.first?.contains("No drift any more") == true)
    #expect(closed.writes.last?.contains("close") == true, "\(closed.writes)")

    let quiet = try await Self.run(recipe, .init(dooordbExit: 0, listing: Self.noIssue(recipe)))
    #expect(quiet.succeeded, "\(quiet.output)")
    #expect(quiet.writes.isEmpty, "\(quiet.forgeCalls)")
  }

  @Test(arguments: [plan, "dooordb-plan", drift, "dooordb-drift"])
  func aPolicyFolderIsChecked(_ recipe: String) async throws {
    let with = try await Self.run(recipe, .init(dooordbExit: 0), withPolicies: true)
    #expect(with.succeeded, "\(with.output)")
    #expect(!with.dooordbCalls.isEmpty)
    #expect(
      with.dooordbCalls.allSatisfy { $0.contains("--policy policies") }, "\(with.dooordbCalls)")
    let without = try await Self.run(recipe, .init(dooordbExit: 0))
    #expect(without.dooordbCalls.allSatisfy { !$0.contains("--policy") })
  }

  @Test func dooordbIsPinnedAndBuiltOncePerVersion() throws {
    for file in try CIRecipesTests.workflowFiles() {
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(text.contains("DOOORDB_VERSION: v"), "\(file.lastPathComponent): not a release tag")
      #expect(!text.contains("DOOORDB_VERSION: main"))
      #expect(
        text.contains("dooordb-${{ env.DOOORDB_VERSION }}")
          || text.contains("key: dooordb-$DOOORDB_VERSION"),
        "\(file.lastPathComponent): the build is not cached by version")
    }
  }

  static func noIssue(_ recipe: String) -> String { recipe.hasSuffix(".yml") ? "" : "[]" }
  static func openIssue(_ recipe: String) -> String {
    recipe.hasSuffix(".yml") ? "9" : #"[{"iid": 9}]"#
  }
}
