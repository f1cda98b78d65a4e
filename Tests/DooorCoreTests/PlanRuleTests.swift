import DooorCore
import Testing

/// One declared-vs-remote situation and the plan it must give, in `PlanFixture.outline` form.
struct PlanRuleCase: CustomTestStringConvertible, Sendable {
  var rule: String
  var declared: [DeclaredDatabase]
  var remote: [RemoteDatabase]
  var prune = false
  var expected: [String]

  var testDescription: String { rule }
}

private typealias F = PlanFixture
private let yaml = PlanFixture.file

/// CONTRACT §2, one case per row of its table at least, and the rules under it.
let planRuleCases: [PlanRuleCase] = [
  PlanRuleCase(
    rule: "declared, not in the workspace: create with every declared field",
    declared: [
      F.declared(
        "a", name: "A", version: "16", cpu: "500m", storageGb: 20, storageClass: "fast",
        ignoreChanges: [.cpu])
    ],
    remote: [],
    expected: [
      "create acme/a name:nil->A engine:nil->postgresql version:nil->16 cpu:nil->500m"
        + " storageGb:nil->20 storageClass:nil->fast",
      "unchanged 0",
    ]),
  PlanRuleCase(
    rule: "name, cpu, memory differ and storage grows: one update with those fields",
    declared: [F.declared("a", name: "New", cpu: "500m", memory: "1Gi", storageGb: 20)],
    remote: [F.remote("a", name: "Old")],
    expected: [
      "update acme/a name:Old->New cpu:250m->500m memory:512Mi->1Gi storageGb:10->20",
      "unchanged 0",
    ]),
  PlanRuleCase(
    rule: "quantities compare by value: 1 = 1000m, 1Gi = 1024Mi; only the name changes",
    declared: [F.declared("a", name: "New", cpu: "1", memory: "1Gi", storageGb: 10)],
    remote: [F.remote("a", name: "Old", cpu: "1000m", memory: "1024Mi")],
    expected: ["update acme/a name:Old->New", "unchanged 0"]),
  PlanRuleCase(
    rule: "1G is not 1Gi",
    declared: [F.declared("a", memory: "1G")],
    remote: [F.remote("a", memory: "1Gi")],
    expected: ["update acme/a memory:1Gi->1G", "unchanged 0"]),
  PlanRuleCase(
    rule: "equal in every managed field: unchanged",
    declared: [F.declared("a", version: "16", cpu: "250m", memory: "512Mi", storageGb: 10)],
    remote: [F.remote("a")],
    expected: ["unchanged 1"]),
  PlanRuleCase(
    rule: "storageGb smaller than remote: error at storageGb; its other changes still shown",
    declared: [F.declared("a", name: "New", storageGb: 5)],
    remote: [F.remote("a", name: "Old", storageGb: 10)],
    expected: ["update acme/a name:Old->New", "error \(yaml):16:7", "unchanged 0"]),
  PlanRuleCase(
    rule: "engine differs: replace, engine first",
    declared: [F.declared("a", name: "New", engine: .mysql)],
    remote: [F.remote("a", name: "Old")],
    expected: ["replace acme/a engine:postgresql->mysql name:Old->New", "unchanged 0"]),
  PlanRuleCase(
    rule: "version differs: replace",
    declared: [F.declared("a", version: "15")],
    remote: [F.remote("a", version: "16")],
    expected: ["replace acme/a version:16->15", "unchanged 0"]),
  PlanRuleCase(
    rule: "version 16 matches 16.4",
    declared: [F.declared("a", version: "16")],
    remote: [F.remote("a", version: "16.4")],
    expected: ["unchanged 1"]),
  PlanRuleCase(
    rule: "version 16 does not match 160",
    declared: [F.declared("a", version: "16")],
    remote: [F.remote("a", version: "160")],
    expected: ["replace acme/a version:160->16", "unchanged 0"]),
  PlanRuleCase(
    rule: "storageClass differs: replace",
    declared: [F.declared("a", storageClass: "fast")],
    remote: [F.remote("a", storageClass: "standard")],
    expected: ["replace acme/a storageClass:standard->fast", "unchanged 0"]),
  PlanRuleCase(
    rule: "a replace recreates, so a smaller storageGb is no error there",
    declared: [F.declared("a", engine: .mysql, storageGb: 5)],
    remote: [F.remote("a", storageGb: 10)],
    expected: ["replace acme/a engine:postgresql->mysql storageGb:10->5", "unchanged 0"]),
  PlanRuleCase(
    rule: "state: absent, present in the workspace: delete",
    declared: [F.declared("a", state: .absent)],
    remote: [F.remote("a")],
    expected: ["delete acme/a", "unchanged 0"]),
  PlanRuleCase(
    rule: "state: absent, not in the workspace: nothing",
    declared: [F.declared("a", state: .absent)],
    remote: [],
    expected: ["unchanged 1"]),
  PlanRuleCase(
    rule: "in the workspace, not declared, prune: delete",
    declared: [F.declared("a")],
    remote: [F.remote("a"), F.remote("stray")],
    prune: true,
    expected: ["delete acme/stray", "unchanged 1"]),
  PlanRuleCase(
    rule: "in the workspace, not declared, no prune: unmanaged",
    declared: [F.declared("a")],
    remote: [F.remote("a"), F.remote("stray")],
    expected: ["unmanaged acme/stray", "unchanged 1"]),
  PlanRuleCase(
    rule: "protect and a replace: error at the field forcing it",
    declared: [F.declared("a", version: "15", storageClass: "fast", protect: true)],
    remote: [F.remote("a", version: "16", storageClass: "standard")],
    expected: ["error \(yaml):13:7", "unchanged 0"]),
  PlanRuleCase(
    rule: "protect and state: absent: error at state",
    declared: [F.declared("a", protect: true, state: .absent)],
    remote: [F.remote("a")],
    expected: ["error \(yaml):21:7", "unchanged 0"]),
  PlanRuleCase(
    rule: "protect does not stop an update",
    declared: [F.declared("a", cpu: "2", protect: true)],
    remote: [F.remote("a")],
    expected: ["update acme/a cpu:250m->2", "unchanged 0"]),
  PlanRuleCase(
    rule: "ignoreChanges fields are not diffed",
    declared: [
      F.declared(
        "a", name: "New", version: "15", cpu: "2", storageGb: 5,
        ignoreChanges: [.name, .version, .cpu, .storageGb])
    ],
    remote: [F.remote("a", name: "Old")],
    expected: ["unchanged 1"]),
  PlanRuleCase(
    rule: "engine cannot be ignored",
    declared: [F.declared("a", engine: .redis, ignoreChanges: [.engine])],
    remote: [F.remote("a")],
    expected: ["replace acme/a engine:postgresql->redis", "unchanged 0"]),
  PlanRuleCase(
    rule: "omitted fields are not managed",
    declared: [F.declared("a")],
    remote: [
      F.remote(
        "a", version: "9", cpu: "4", memory: "8Gi", storageGb: 500, storageClass: "gold")
    ],
    expected: ["unchanged 1"]),
  PlanRuleCase(
    rule: "a remote cpu that is no quantity: different, with a warning at cpu",
    declared: [F.declared("a", cpu: "500m")],
    remote: [F.remote("a", cpu: "lots")],
    expected: ["update acme/a cpu:lots->500m", "warning \(yaml):14:7", "unchanged 0"]),
  PlanRuleCase(
    rule: "a managed field the list left out: not compared, with a warning",
    declared: [F.declared("a", storageClass: "fast")],
    remote: [F.remote("a", storageClass: nil)],
    expected: ["warning \(yaml):17:7", "unchanged 1"]),
  PlanRuleCase(
    rule: "provisioning: change planned, reported not ready",
    declared: [F.declared("a", cpu: "1")],
    remote: [F.remote("a", status: .provisioning)],
    expected: ["update acme/a cpu:250m->1", "notReady acme/a provisioning", "unchanged 0"]),
  PlanRuleCase(
    rule: "updating and unchanged: reported not ready",
    declared: [F.declared("a")],
    remote: [F.remote("a", status: .updating)],
    expected: ["notReady acme/a updating", "unchanged 1"]),
  PlanRuleCase(
    rule: "deleting while declared: create it again once gone",
    declared: [F.declared("a", name: "A")],
    remote: [F.remote("a", status: .deleting)],
    expected: [
      "create acme/a name:nil->A engine:nil->postgresql", "notReady acme/a deleting",
      "unchanged 0",
    ]),
  PlanRuleCase(
    rule: "deleting and state: absent: nothing more to do",
    declared: [F.declared("a", state: .absent)],
    remote: [F.remote("a", status: .deleting)],
    expected: ["notReady acme/a deleting", "unchanged 1"]),
  PlanRuleCase(
    rule: "deleting and pruned: not deleted twice",
    declared: [],
    remote: [F.remote("a", status: .deleting)],
    prune: true,
    expected: ["unchanged 0"]),
  PlanRuleCase(
    rule: "error status: reported not ready, with a warning",
    declared: [F.declared("a")],
    remote: [F.remote("a", status: .error)],
    expected: ["notReady acme/a error", "warning \(yaml):10:5", "unchanged 1"]),
  PlanRuleCase(
    rule: "unknown status: not ready, with a warning at the entry's engine",
    declared: [F.declared("a")],
    remote: [F.remote("a", status: .unknown("hibernating"))],
    expected: ["notReady acme/a hibernating", "warning \(yaml):12:7", "unchanged 1"]),
  PlanRuleCase(
    rule: "unknown remote engine: warning, and a replace since it is not the declared one",
    declared: [F.declared("a")],
    remote: [F.remote("a", engine: .unknown("mongodb"))],
    expected: ["replace acme/a engine:mongodb->postgresql", "warning \(yaml):12:7", "unchanged 0"]),
  PlanRuleCase(
    rule: "unknown engine of an unmanaged database: warning without a location",
    declared: [],
    remote: [F.remote("x", engine: .unknown("mongodb"))],
    expected: ["unmanaged acme/x", "warning -", "unchanged 0"]),
]

@Suite("Planner rules (CONTRACT §2)", .timeLimit(.minutes(5)))
struct PlanRuleTests {
  @Test(arguments: planRuleCases)
  func rule(_ rule: PlanRuleCase) {
    let plan = PlanFixture.plan(rule.declared, remote: rule.remote, prune: rule.prune)
    #expect(PlanFixture.outline(plan) == rule.expected)
  }

  @Test func storageShrinkErrorNamesBothSizes() {
    let plan = F.plan([F.declared("a", storageGb: 5)], remote: [F.remote("a", storageGb: 40)])
    let message = try! #require(plan.errors.first).message
    #expect(message.contains("5") && message.contains("40") && message.contains("acme/a"))
    #expect(plan.errors.first?.description.hasPrefix("\(yaml):16:7: error: ") == true)
  }

  @Test func aStorageShrinkDoesNotHideTheDatabasesOtherChanges() {
    let plan = F.plan(
      [F.declared("a", name: "New", cpu: "1", storageGb: 5)],
      remote: [F.remote("a", name: "Old", cpu: "250m", storageGb: 40)])
    #expect(plan.errors.count == 1)
    #expect(
      F.outline(plan) == [
        "update acme/a name:Old->New cpu:250m->1", "error \(F.location(of: "storageGb"))",
        "unchanged 0",
      ])
  }

  @Test func protectErrorWithoutStateKeyPointsAtProtect() {
    var declared = F.declared("a", protect: true, state: .absent)
    declared.keyLocations["state"] = nil
    let plan = F.plan([declared], remote: [F.remote("a")])
    #expect(plan.errors.map(\.location) == [F.location(of: "protect")])
    #expect(plan.changes.isEmpty)
  }

  @Test func createAfterDeletingRecordsTheRemoteAndSaysWhy() {
    let plan = F.plan([F.declared("a")], remote: [F.remote("a", status: .deleting)])
    let change = try! #require(plan.changes.first)
    #expect(change.remote?.id == "db_a")
    #expect(change.reason != nil)
    #expect(plan.notReady.first?.note.contains("gone") == true)
  }

  @Test func notReadyNotesSayWhatApplyDoes() {
    let plan = F.plan(
      [F.declared("p", cpu: "1"), F.declared("u"), F.declared("e", cpu: "1")],
      remote: [
        F.remote("p", status: .provisioning), F.remote("u", status: .updating),
        F.remote("e", status: .error),
      ])
    let notes = Dictionary(uniqueKeysWithValues: plan.notReady.map { ($0.reference.slug, $0.note) })
    #expect(notes["p"]?.contains("waits for it to be ready, then updates it") == true)
    #expect(notes["u"]?.contains("depend on it") == true)
    #expect(notes["e"]?.contains("refuses") == true)
  }

  @Test func updatesCarryDeclarationAndRemoteForApply() {
    let declared = F.declared("a", cpu: "1", dependsOn: ["b"])
    let plan = F.plan([declared, F.declared("b")], remote: [F.remote("a"), F.remote("b")])
    let change = try! #require(plan.changes.first)
    #expect(change.declared == declared)
    #expect(change.remote?.id == "db_a")
    #expect(change.dependsOn == ["b"])
  }

  @Test func stableOrderByWorkspaceThenSlugWhateverTheListingOrder() {
    let desired = DesiredState(workspaces: [
      DeclaredWorkspace(
        name: "zeta", prune: true, databases: [F.declared("m", workspace: "zeta", cpu: "1")]),
      DeclaredWorkspace(
        name: "alpha",
        databases: [F.declared("b", workspace: "alpha"), F.declared("a", workspace: "alpha")]),
    ])
    let remote = [F.remote("z"), F.remote("m"), F.remote("a", status: .provisioning)]
    let plans = [remote, remote.reversed()].map {
      Planner.plan(
        desired: desired,
        observed: ObservedState(workspaces: ["zeta": $0, "alpha": [F.remote("c"), F.remote("b")]]))
    }
    #expect(plans[0] == plans[1])
    #expect(
      plans[0].changes.map(\.reference.description) == ["alpha/a", "zeta/a", "zeta/m", "zeta/z"])
    #expect(plans[0].unmanaged.map(\.description) == ["alpha/c"])
  }

  @Test func workspacesOnlyTheAPIKnowsAreNotTouched() {
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [DeclaredWorkspace(name: "acme", prune: true)]),
      observed: ObservedState(workspaces: ["acme": [], "other": [F.remote("x")]]))
    #expect(plan.changes.isEmpty && plan.unmanaged.isEmpty && plan.warnings.isEmpty)
    #expect(plan.resources?.workspaces.map(\.name) == ["acme"])
  }

  @Test func duplicateRemoteSlugIsReported() {
    let plan = F.plan(
      [F.declared("a")], remote: [F.remote("a", id: "one"), F.remote("a", id: "two")])
    #expect(plan.warnings.count == 1)
    #expect(plan.warnings.first?.message.contains("twice") == true)
  }
}

@Suite("Which databases need a GET", .timeLimit(.minutes(5)))
struct PlanDetailsTests {
  @Test func onlyDatabasesMissingAManagedField() {
    let desired = DesiredState(workspaces: [
      DeclaredWorkspace(
        name: "acme",
        databases: [
          F.declared("class", storageClass: "fast"),
          F.declared("ignored", storageClass: "fast", ignoreChanges: [.storageClass]),
          F.declared("unmanaged-class"),
          F.declared("known", storageClass: "fast"),
          F.declared("new", storageClass: "fast"),
          F.declared("gone", storageClass: "fast", state: .absent),
          F.declared("going", storageClass: "fast"),
          F.declared("no-cpu", cpu: "1"),
        ])
    ])
    let observed = ObservedState(workspaces: [
      "acme": [
        F.remote("class"), F.remote("ignored"), F.remote("unmanaged-class"),
        F.remote("known", storageClass: "fast"), F.remote("gone"),
        F.remote("going", status: .deleting), F.remote("no-cpu", cpu: nil),
      ]
    ])
    let needed = Planner.databasesNeedingDetails(desired: desired, observed: observed)
    #expect(needed.map(\.slug) == ["class", "no-cpu"])

    let details = Dictionary(
      uniqueKeysWithValues: needed.map {
        ($0, F.remote($0.slug, cpu: "1", storageClass: "standard"))
      })
    let completed = observed.updating(with: details)
    #expect(Planner.databasesNeedingDetails(desired: desired, observed: completed).isEmpty)
    let plan = Planner.plan(desired: desired, observed: completed)
    #expect(plan.changes.map(\.reference.slug) == ["class", "going", "gone", "new"])
    #expect(plan.warnings.isEmpty)
  }
}

@Suite("Planner robustness", .timeLimit(.minutes(5)))
struct PlanRobustnessTests {
  @Test func unsortedOrDuplicatedDeclarationsStillPlanOncePerSlugInOrder() {
    var workspace = DeclaredWorkspace(name: "acme")
    workspace.databases = [F.declared("b", cpu: "1"), F.declared("a"), F.declared("b", cpu: "2")]
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [workspace]),
      observed: ObservedState(workspaces: ["acme": [F.remote("c"), F.remote("b")]]))
    #expect(plan.changes.map(\.reference.slug) == ["a", "b"])
    #expect(plan.changes.map(\.action) == [.create, .update])
    #expect(plan.unmanaged.map(\.slug) == ["c"])
  }

  @Test func deletingANotReadyDatabaseSaysSo() {
    let plan = F.plan(
      [F.declared("a", state: .absent)], remote: [F.remote("a", status: .provisioning)])
    #expect(plan.changes.map(\.action) == [.delete])
    #expect(plan.notReady.first?.note == "apply waits for it to be ready, then deletes it")
  }
}
