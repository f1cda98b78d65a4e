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

  /// The attack an audit ran: a plan with nothing to do, a prune-style delete of the
  /// protected, unchanged `orders` added and the checksum recomputed.
  @Test func aResealedDeleteOfAProtectedUnchangedDatabaseIsRefused() async throws {
    let run = try await SavedPlanRun.planned(remoteCPU: "1")
    defer { run.stop() }
    let injected = """
      "changes": [
          {
            "workspace": "acme",
            "slug": "orders",
            "action": "delete",
            "destructive": true,
            "id": "db-1",
            "reason": "pruned: no manifest declares it",
            "dependsOn": [],
            "fields": [],
            "declared": null,
            "remote": \(SavedPlanRun.remote(cpu: "1")),
            "slugWasAbsent": false
          }
        ],
      """
    try await run.reseal { $0.replacingOccurrences(of: #""changes": [],"#, with: injected) }

    let applied = try await run.apply(["--auto-approve", "--allow-destroy"])
    #expect(applied.exitCode == 1)
    #expect(
      applied.stderr.contains(
        "acme/orders is protected (protect: true), but the plan would delete it"),
      "\(applied.stderr)")
    #expect(run.changedNothing, "\(run.server.requests.map(\.method))")
  }

  @Test func aPinnedChecksumRefusesAnyOtherFileBeforeAnyRequest() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    let checksum = try #require(try Self.checksum(in: run.text))
    try await run.reseal {
      $0.replacingOccurrences(of: #""after": "1""#, with: #""after": "1.0""#)
    }
    let requestsBefore = run.server.requests.count

    let applied = try await run.apply(["--auto-approve", "--expect-checksum", checksum])
    #expect(applied.exitCode == 1)
    #expect(applied.stderr.contains("not the expected \(checksum)"), "\(applied.stderr)")
    #expect(run.server.requests.count == requestsBefore)
  }

  @Test(arguments: ["text", "markdown", "json"])
  func planPrintsTheSavedPlansChecksum(format: String) async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    let planned = try await BoundedDooordb(
      ["plan", "acme.yaml", "--out", "plan.json", "--format", format], in: run.scratch.url,
      environment: run.environment
    ).wait()
    #expect(planned.exitCode == 0, "\(planned.stderr)")
    let saved = try #require(try Self.checksum(in: run.text))
    let printed = planned.stdout.firstMatch(of: /sha256:[0-9a-f]{64}/).map { String($0.output) }
    #expect(printed == saved, "\(planned.stdout)")
    if format == "json" {
      #expect(planned.stdout.contains("\"savedPlanChecksum\": \"\(saved)\""))
    }
    #expect(planned.stderr.contains("--expect-checksum \(saved)"), "\(planned.stderr)")
    // The pinned file applies: the scripted API is reached with the PATCH.
    let applied = try await run.apply(["--auto-approve", "--expect-checksum", saved])
    #expect(run.reachedThePatch, "\(applied.stderr)")
  }

  static func checksum(in text: String) -> String? {
    text.firstMatch(of: /"checksum": "(sha256:[0-9a-f]{64})"/).map { String($0.output.1) }
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
