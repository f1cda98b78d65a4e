import Foundation
import Testing

/// A saved plan is applied exactly as reviewed: an edit after `plan --out` is refused by its
/// checksum, and an edit whose checksum was recomputed is refused because the changes no longer
/// follow from the declarations (apply sends the declarations) or would delete a protected
/// database. Nothing but GETs reaches the API in any refused case.
@Suite(.timeLimit(.minutes(1))) struct SavedPlanIntegrityEndToEndTests {
  struct Tampering: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var edit: @Sendable (String) -> String
    var resealed: Bool
    var refusal: String
  }

  static let tamperings: [Tampering] = [
    Tampering(
      testDescription: "declared cpu raised, checksum left",
      edit: { $0.replacingOccurrences(of: #""cpu": "1","#, with: #""cpu": "64","#) },
      resealed: false, refusal: "was changed after `plan --out` wrote it"),
    Tampering(
      testDescription: "declared cpu raised, checksum recomputed",
      edit: { $0.replacingOccurrences(of: #""cpu": "1","#, with: #""cpu": "64","#) },
      resealed: true, refusal: "acme/orders: the update and fields shown are not what"),
    Tampering(
      testDescription: "update turned into a delete of a protected database",
      edit: { $0.replacingOccurrences(of: #""action": "update""#, with: #""action": "delete""#) },
      resealed: true, refusal: "acme/orders is protected (protect: true), but the plan would delete"
    ),
    Tampering(
      testDescription: "checksum line removed",
      edit: {
        $0.split(separator: "\n").filter { !$0.contains("\"checksum\"") }.joined(separator: "\n")
      },
      resealed: false, refusal: "it has no checksum"),
  ]

  @Test(arguments: tamperings)
  func aTamperedSavedPlanIsRefused(_ tampering: Tampering) async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    let original = try run.text
    var edited = tampering.edit(original)
    #expect(edited != original)
    if tampering.resealed { edited = try await SavedPlanRun.reseal(edited) }
    try run.write(edited)

    let applied = try await run.apply(["--auto-approve", "--allow-destroy"])
    #expect(applied.exitCode == 1)
    #expect(applied.stderr.contains(tampering.refusal), "\(applied.stderr)")
    #expect(run.changedNothing)
  }

  @Test func anUntouchedSavedPlanApplies() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    let original = try run.text
    #expect(try await SavedPlanRun.reseal(original) == original, "the checksum is not sha256sum's")
    let applied = try await run.apply()
    // The scripted API refuses the PATCH: reaching it shows the plan was accepted.
    #expect(run.reachedThePatch, "\(applied.stderr)")
  }
}
