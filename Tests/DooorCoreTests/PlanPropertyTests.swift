import DooorCore
import PropertyBased
import Testing

/// Properties of the planner over random desired and observed states.
@Suite("Planner properties", .timeLimit(.minutes(5)))
struct PlanPropertyTests {
  static let codes = Gen.int(in: 0...Int.max).array(of: 0...14)

  @Test func applyingThePlanConverges() async {
    await propertyCheck(count: 300, input: Self.codes, Gen.bool, Gen.bool) { codes, a, b in
      let scenario = PlanScenario(codes: codes, pruneAcme: a, pruneBeta: b)
      let first = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      let after = PlanModel.apply(first, to: scenario.observed)
      let second = Planner.plan(desired: scenario.desired, observed: after)
      #expect(second.changes.isEmpty, "\(PlanFixture.outline(second))")
      #expect(second.errors == first.errors)
    }
  }

  @Test func plansNeverDoWhatTheContractForbids() async {
    await propertyCheck(count: 300, input: Self.codes, Gen.bool, Gen.bool) { codes, a, b in
      let scenario = PlanScenario(codes: codes, pruneAcme: a, pruneBeta: b)
      let plan = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      let unmanaged = Set(plan.unmanaged)
      for change in plan.changes {
        let workspace = scenario.desired.workspace(change.reference.workspace)!
        #expect(!unmanaged.contains(change.reference))
        if change.isDestructive {
          #expect(change.declared?.protect != true, "destroys protected \(change.reference)")
          if change.declared == nil { #expect(workspace.prune) }
        }
        guard change.action == .update else { continue }
        for field in change.fields {
          #expect(!field.field.forcesReplacement)
          #expect(field.before != nil && field.after != nil)
          #expect(!Self.sameValue(field), "patches unchanged \(field) of \(change.reference)")
          if field.field == .storageGb {
            #expect(Int(field.after!)! > Int(field.before!)!, "shrinks \(change.reference)")
          }
          #expect(change.declared?.ignoreChanges.contains(field.field) == false)
        }
      }
      for reference in plan.unmanaged {
        #expect(scenario.desired.workspace(reference.workspace)?.prune == false)
      }
    }
  }

  @Test func sameInputGivesByteIdenticalOutput() async {
    await propertyCheck(count: 150, input: Self.codes, Gen.bool, Gen.bool) { codes, a, b in
      let scenario = PlanScenario(codes: codes, pruneAcme: a, pruneBeta: b)
      var shuffled = scenario.observed
      for (workspace, databases) in shuffled.workspaces {
        shuffled.workspaces[workspace] = databases.reversed()
      }
      let plans = [scenario.observed, scenario.observed, shuffled].map {
        Planner.plan(desired: scenario.desired, observed: $0)
      }
      for format in PlanFormat.allCases {
        for useColor in [false, true] {
          let outputs = Set(plans.map { $0.rendered(as: format, useColor: useColor) })
          #expect(outputs.count == 1, "\(format) differs between runs")
        }
      }
      #expect(Set(plans.map { SavedPlan(plan: $0).encoded() }).count == 1)
    }
  }

  @Test func savedPlansRoundTripAndGoStaleOnceApplied() async {
    await propertyCheck(count: 150, input: Self.codes, Gen.bool, Gen.bool) { codes, a, b in
      let scenario = PlanScenario(codes: codes, pruneAcme: a, pruneBeta: b)
      let plan = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      let saved = SavedPlan(plan: plan)
      let text = saved.encoded()
      let decoded = try SavedPlan(decoding: text)
      #expect(decoded.encoded() == text)
      #expect(decoded.plan.rendered(as: .json) == plan.rendered(as: .json))
      #expect(decoded.staleness(against: scenario.observed) == [])
      let applied = PlanModel.apply(plan, to: scenario.observed)
      #expect(decoded.staleness(against: applied).isEmpty == !plan.hasChanges)
    }
  }

  /// Whether an update field's before and after mean the same thing.
  static func sameValue(_ field: FieldChange) -> Bool {
    guard let before = field.before, let after = field.after else { return false }
    switch field.field {
    case .cpu, .memory:
      guard let old = try? Quantity(parsing: before), let new = try? Quantity(parsing: after)
      else { return false }
      return old == new
    default:
      return before == after
    }
  }
}
