import Testing

@testable import DooorCore

private typealias F = PlanFixture

@Suite("Saved plans", .timeLimit(.minutes(5)))
struct PlanSavedPlanTests {
  static let desired = DesiredState(workspaces: [
    DeclaredWorkspace(
      name: "acme", prune: true,
      databases: [
        F.declared("new", name: "New", cpu: "500m", dependsOn: ["up"], line: 1),
        F.declared("up", name: "Up", cpu: "1", storageGb: 20, storageClass: "fast", line: 30),
        F.declared("keep", name: "Keep", line: 60),
      ])
  ])
  static let observed = ObservedState(workspaces: [
    "acme": [
      F.remote("up", name: "Up", storageGb: 10, storageClass: "fast"),
      F.remote("keep", name: "Keep"),
      F.remote("stray", name: "Stray"),
    ]
  ])
  static var saved: SavedPlan {
    SavedPlan(plan: Planner.plan(desired: desired, observed: observed))
  }

  @Test func recordsDeclarationsRemoteStateAndAbsentSlugs() throws {
    let text = Self.saved.encoded()
    #expect(text.contains("\"kind\": \"dooordb-saved-plan\""))
    #expect(text.contains("\"slugWasAbsent\": true"))
    #expect(text.contains("\"storageClass\": \"fast\""))
    let decoded = try SavedPlan(decoding: text)
    let changes = decoded.plan.changes
    #expect(changes.map(\.action) == [.create, .delete, .update])
    #expect(changes[0].declared?.cpu == (try Quantity(parsing: "0.5")))
    #expect(changes[0].dependsOn == ["up"])
    #expect(changes[1].remote?.id == "db_stray" && changes[1].declared == nil)
    #expect(changes[2].remote?.storageClass == "fast")
    #expect(changes[2].fields.map(\.field) == [.cpu, .storageGb])
    #expect(decoded.plan.unchangedCount == 1)
  }

  @Test func freshAgainstTheStateItWasMadeFrom() {
    #expect(Self.saved.staleness(against: Self.observed) == [])
  }

  struct StaleCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var change: @Sendable (inout [RemoteDatabase]) -> Void
    var reason: String
  }

  static let staleCases: [StaleCase] = [
    StaleCase(
      testDescription: "a slug to create now exists",
      change: { $0.append(F.remote("new", id: "db_new2")) },
      reason: "acme/new now exists (id db_new2), but the plan creates it"),
    StaleCase(
      testDescription: "a database to delete vanished",
      change: { $0.removeAll { $0.slug == "stray" } },
      reason: "acme/stray no longer exists"),
    StaleCase(
      testDescription: "a database to update was re-created",
      change: { $0[0].id = "db_other" },
      reason: "acme/up was re-created since the plan was made (id db_up is now db_other)"),
    StaleCase(
      testDescription: "a recorded field changed",
      change: { $0[0].storageGb = 30 },
      reason: "acme/up: storageGb was 10 when planned, now 30"),
    StaleCase(
      testDescription: "the status changed",
      change: { $0[0].status = .updating },
      reason: "acme/up: status was \"ready\" when planned, now \"updating\""),
    StaleCase(
      testDescription: "a recorded field is missing from the answer",
      change: { $0[0].storageClass = nil },
      reason: "acme/up: the API's answer lacks storageClass, recorded as \"fast\"; it cannot be"
        + " checked"),
  ]

  @Test(arguments: staleCases)
  func stale(_ stale: StaleCase) {
    var databases = Self.observed.databases(in: "acme")
    stale.change(&databases)
    let now = ObservedState(workspaces: ["acme": databases])
    #expect(Self.saved.staleness(against: now) == [stale.reason])
  }

  @Test func quantitiesWrittenDifferentlyAreNotAChange() {
    var databases = Self.observed.databases(in: "acme")
    databases[0].cpu = "0.25"
    #expect(Self.saved.staleness(against: ObservedState(workspaces: ["acme": databases])) == [])
  }

  @Test func untouchedDatabasesMayChange() {
    var databases = Self.observed.databases(in: "acme")
    databases[1].name = "Renamed behind our back"
    #expect(Self.saved.staleness(against: ObservedState(workspaces: ["acme": databases])) == [])
  }

  @Test func asksForDetailsOfRecordedFieldsTheListLacks() {
    var databases = Self.observed.databases(in: "acme")
    databases[0].storageClass = nil
    let listed = ObservedState(workspaces: ["acme": databases])
    #expect(Self.saved.databasesNeedingDetails(observed: listed).map(\.slug) == ["up"])
    #expect(Self.saved.databasesNeedingDetails(observed: Self.observed).isEmpty)
  }

  @Test func createAfterDeletingIsFreshOnceTheOldOneIsGone() {
    let remote = [F.remote("a", status: .deleting)]
    let saved = SavedPlan(plan: F.plan([F.declared("a")], remote: remote))
    #expect(saved.staleness(against: ObservedState(workspaces: ["acme": remote])) == [])
    #expect(saved.staleness(against: ObservedState(workspaces: ["acme": []])) == [])
    #expect(
      saved.staleness(against: ObservedState(workspaces: ["acme": [F.remote("a", id: "x")]]))
        .count == 1)
  }

  @Test(arguments: [
    "", "{}", "[1]", "{\"formatVersion\": 1}",
  ])
  func rejectsWhatIsNotASavedPlan(_ text: String) {
    #expect(throws: SavedPlanError.self) { try SavedPlan(decoding: text) }
  }

  @Test func rejectsAPlainJSONPlanAndOtherVersions() throws {
    let plan = Planner.plan(desired: Self.desired, observed: Self.observed)
    let plain = plan.rendered(as: .json)
    let error = #expect(throws: SavedPlanError.self) { try SavedPlan(decoding: plain) }
    #expect(error?.message.contains("--out") == true)
    let future = Self.saved.encoded().replacing(
      "\"formatVersion\": 1", with: "\"formatVersion\": 2")
    #expect(throws: SavedPlanError.self) { try SavedPlan(decoding: future) }
  }
}

/// Saved plans refuse edits: the checksum over the content, one source for what apply sends,
/// and protect re-checked when the file is read back.
@Suite("Saved plan integrity", .timeLimit(.minutes(1)))
struct PlanSavedPlanIntegrityTests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func checksumIsSHA256(_ input: String, _ digest: String) {
    #expect(SHA256.hex(Array(input.utf8)) == digest)
  }

  @Test func anyEditOutsideTheChecksumLineIsRefused() throws {
    let text = PlanSavedPlanTests.saved.encoded()
    _ = try SavedPlan(decoding: text)
    let edited = text.replacing("\"name\": \"New\"", with: "\"name\": \"Nex\"")
    #expect(edited != text)
    let error = #expect(throws: SavedPlanError.self) { try SavedPlan(decoding: edited) }
    #expect(error?.message.contains("changed after `plan --out` wrote it") == true)
  }

  @Test func theDeclarationIsTheOneSourceOfWhatApplySends() throws {
    var plan = Planner.plan(
      desired: PlanSavedPlanTests.desired, observed: PlanSavedPlanTests.observed)
    let update = try #require(plan.changes.firstIndex { $0.action == .update })
    plan.changes[update].declared?.cpu = try Quantity(parsing: "64")
    let problems = SavedPlan(plan: plan).inconsistencies()
    #expect(
      problems == [
        "acme/up: the update and fields shown are not what its declaration gives against the"
          + " recorded state"
      ])
    #expect(
      SavedPlan(
        plan: Planner.plan(
          desired: PlanSavedPlanTests.desired, observed: PlanSavedPlanTests.observed)
      ).inconsistencies().isEmpty)
  }

  @Test func aProtectedDatabaseIsNeverDeletedOrReplaced() throws {
    var plan = Planner.plan(
      desired: PlanSavedPlanTests.desired, observed: PlanSavedPlanTests.observed)
    let update = try #require(plan.changes.firstIndex { $0.action == .update })
    plan.changes[update].declared?.protect = true
    plan.changes[update].action = .delete
    #expect(
      SavedPlan(plan: plan).inconsistencies() == [
        "acme/up is protected (protect: true), but the plan would delete it"
      ])
    let error = #expect(throws: SavedPlanError.self) {
      try SavedPlan(decoding: SavedPlan(plan: plan).encoded())
    }
    #expect(error?.message.contains("is protected") == true)
  }
}
