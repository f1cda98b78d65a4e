import Foundation
import Testing

@testable import DooorCore

private typealias F = PlanFixture

/// A saved plan records where and when it was made, and says why it may not be applied
/// elsewhere, by another series of dooordb, or once older than a maximum age. Time is passed
/// in: nothing here reads a clock.
@Suite("Saved plan origin", .timeLimit(.minutes(1)))
struct SavedPlanOriginTests {
  static let saved = SavedPlan(
    plan: F.plan([F.declared("a", cpu: "1")], remote: [F.remote("a", cpu: "2")]),
    origin: F.origin)
  static let madeAt = F.origin.createdAt
  static let api = F.origin.apiURL

  @Test func originRoundTripsAndIsCoveredByTheChecksum() throws {
    let text = Self.saved.encoded()
    #expect(text.contains(#""createdAt": "2025-12-01T12:00:00Z""#))
    let decoded = try SavedPlan(decoding: text)
    #expect(decoded.origin == F.origin)
    let moved = text.replacing(Self.api, with: "https://elsewhere.test/api/v1")
    let error = #expect(throws: SavedPlanError.self) { try SavedPlan(decoding: moved) }
    #expect(error?.message.contains("checksum") == true)
  }

  @Test func theRecordedTimeIsWholeSeconds() {
    let origin = SavedPlanOrigin(
      apiURL: "x", workspaces: [], dooordbVersion: "0.1.0",
      createdAt: Date(timeIntervalSince1970: 1000.75))
    #expect(origin.createdAt == Date(timeIntervalSince1970: 1000))
    #expect(origin.createdAtText == "1970-01-01T00:16:40Z")
  }

  @Test func workspacesAreTheComparedOnes() {
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: "zeta", databases: [F.declared("a")]),
        DeclaredWorkspace(name: "acme", databases: []),
      ]),
      observed: ObservedState(workspaces: [:]))
    #expect(SavedPlanOrigin.workspaces(of: plan) == ["acme", "zeta"])
  }

  @Test func appliesWhereAndWhenItWasMade() {
    #expect(
      Self.saved.originMismatches(
        apiURL: Self.api + "/", dooordbVersion: "0.1.7",
        now: Self.madeAt.addingTimeInterval(3599), maxAge: .seconds(3600)) == [])
  }

  @Test func refusesAnotherAPI() {
    #expect(
      Self.saved.originMismatches(
        apiURL: "https://other.test/api/v1", dooordbVersion: "0.1.0", now: Self.madeAt,
        maxAge: nil) == [
          "it was made for the API at https://api.example.test/api/v1, not"
            + " https://other.test/api/v1; make a new plan against this API"
        ])
  }

  @Test(arguments: [
    ("0.1.0", "0.1.9", true), ("0.1.0", "0.2.0", false), ("1.2.0", "1.9.3", true),
    ("1.2.0", "2.0.0", false), ("0.1.0", "1.0.0", false), ("0.1.0", "0.1.0-beta.1", true),
    ("banana", "0.1.0", false),
  ])
  func versionSeries(made: String, running: String, compatible: Bool) {
    var saved = Self.saved
    saved.origin?.dooordbVersion = made
    let mismatches = saved.originMismatches(
      apiURL: Self.api, dooordbVersion: running, now: Self.madeAt, maxAge: nil)
    #expect(mismatches.isEmpty == compatible, "\(mismatches)")
    if !compatible {
      #expect(mismatches.first?.contains("made by dooordb \(made)") == true)
    }
  }

  @Test func refusesAPlanOlderThanTheMaximumAge() {
    let mismatches = Self.saved.originMismatches(
      apiURL: Self.api, dooordbVersion: "0.1.0", now: Self.madeAt.addingTimeInterval(5400),
      maxAge: .seconds(3600))
    #expect(
      mismatches == [
        "it was made at 2025-12-01T12:00:00Z, 1h30m ago, which is older than --plan-max-age 1h;"
          + " make a new plan"
      ])
  }

  @Test func refusesAPlanThatRecordsNoOrigin() {
    let old = SavedPlan(plan: Self.saved.plan)
    let reread = try? SavedPlan(decoding: old.encoded())
    #expect(reread?.origin == nil)
    #expect(
      old.originMismatches(apiURL: Self.api, dooordbVersion: "0.1.0", now: Self.madeAt, maxAge: nil)
        .first?.contains("does not record where it was made") == true)
  }

  @Test func anUnreadableTimeIsNamed() throws {
    let text = try SavedPlanOriginTests.resealed(
      Self.saved.encoded().replacing("2025-12-01T12:00:00Z", with: "yesterday"))
    let error = #expect(throws: SavedPlanError.self) { try SavedPlan(decoding: text) }
    #expect(error?.message.contains("origin.createdAt \"yesterday\"") == true)
  }

  /// `text` with its checksum line recomputed, as `encoded()` seals a file.
  static func resealed(_ text: String) throws -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let index = try #require(lines.firstIndex { $0.hasPrefix("  \"checksum\": ") })
    lines.remove(at: index)
    let checksum = SavedPlan.checksumPrefix + SHA256.hex(lines.joined(separator: "\n").utf8)
    lines.insert(Substring(SavedPlan.checksumLine(checksum)), at: index)
    return lines.joined(separator: "\n")
  }
}
