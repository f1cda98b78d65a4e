import Testing

@testable import DooorCore

private typealias F = PlanFixture

/// A saved plan records what its manifests declare (prune, each slug and its protect), and a
/// delete they could not have produced is refused even when the file was resealed with a
/// recomputed checksum; `expectedChecksum` pins the file a reviewer saw.
@Suite("Saved plans: recorded manifests", .timeLimit(.minutes(1)))
struct SavedPlanScopeTests {
  /// `vault` is protected and unchanged; `stray` is undeclared, so prune deletes it.
  static func plan(prune: Bool) -> Plan {
    Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(
          name: "acme", prune: prune,
          databases: [
            F.declared("vault", name: "Vault", protect: true),
            F.declared("keep", name: "Keep"),
          ])
      ]),
      observed: ObservedState(workspaces: [
        "acme": [
          F.remote("vault", name: "Vault", cpu: nil, memory: nil, storageGb: nil),
          F.remote("keep", name: "Keep", cpu: nil, memory: nil, storageGb: nil),
          F.remote("stray", name: "Stray"),
        ]
      ]))
  }

  /// A prune-style delete of `slug` added to `plan`, as an editor would add it.
  static func withInjectedDelete(_ plan: Plan, of slug: String) -> Plan {
    var plan = plan
    plan.changes.append(
      PlannedChange(
        reference: DatabaseReference(workspace: "acme", slug: slug), action: .delete,
        remote: F.remote(slug), reason: "pruned: no manifest declares it"))
    return plan
  }

  @Test func theRecordRoundTripsAndAPruneDeleteStillApplies() throws {
    let plan = Self.plan(prune: true)
    #expect(plan.changes.map(\.reference.slug) == ["stray"])
    let decoded = try SavedPlan(decoding: SavedPlan(plan: plan).encoded())
    #expect(decoded.plan.declaredScopes == plan.declaredScopes)
    #expect(
      decoded.plan.declaredScopes?.first?.protectBySlug == ["vault": true, "keep": false])
  }

  struct Injection: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var prune: Bool
    var slug: String
    var refusal: String
  }

  static let injections: [Injection] = [
    Injection(
      testDescription: "a protected, unchanged database", prune: true, slug: "vault",
      refusal: "acme/vault is protected (protect: true), but the plan would delete it"),
    Injection(
      testDescription: "a declared, unprotected database", prune: true, slug: "keep",
      refusal: "acme/keep: deleted without a declaration, but its manifests declare it"),
    Injection(
      testDescription: "an undeclared database, prune off", prune: false, slug: "other",
      refusal:
        "acme/other: deleted without a declaration, but its workspace's manifests do not set"
        + " prune: true"),
  ]

  @Test(arguments: injections)
  func aDeleteTheManifestsCouldNotProduceIsRefused(_ injection: Injection) throws {
    let tampered = SavedPlan(
      plan: Self.withInjectedDelete(Self.plan(prune: injection.prune), of: injection.slug))
    #expect(tampered.inconsistencies() == [injection.refusal])
    let error = #expect(throws: SavedPlanError.self) {
      try SavedPlan(decoding: tampered.encoded())
    }
    #expect(error?.message.contains(injection.refusal) == true)
  }

  @Test func aPlanWithoutTheRecordMayNotDestroy() {
    var plan = Self.plan(prune: true)
    plan.declaredScopes = nil
    #expect(
      SavedPlan(plan: plan).inconsistencies() == [
        "acme/stray: the plan does not record what its manifests declare, so it may not delete"
          + " anything; make a new plan"
      ])
  }

  @Test func aTargetedPlanRecordsPruneOff() {
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: "acme", prune: true, databases: [F.declared("keep")])
      ]),
      observed: ObservedState(workspaces: ["acme": [F.remote("stray")]]),
      options: PlanOptions(targets: [DatabaseReference(workspace: "acme", slug: "keep")]))
    #expect(plan.declaredScopes?.map(\.prune) == [false])
  }

  @Test func anExpectedChecksumPinsTheFile() throws {
    let sealed = SavedPlan(plan: Self.plan(prune: true)).sealed()
    #expect(sealed.text.contains("\"checksum\": \"\(sealed.checksum)\""))
    _ = try SavedPlan(decoding: sealed.text, expectedChecksum: sealed.checksum)
    let other = "sha256:" + String(repeating: "0", count: 64)
    let error = #expect(throws: SavedPlanError.self) {
      try SavedPlan(decoding: sealed.text, expectedChecksum: other)
    }
    #expect(
      error?.message
        == "its checksum is \(sealed.checksum), not the expected \(other); it is not the plan"
        + " that was reviewed")
  }
}
