import DooorAPI
import DooorCore
import DooorEngine

/// Manifests → validated desired state → observed state from the API → plan: the pipeline
/// plan, apply and graph share. Invalid manifests give a plan holding only their errors, and
/// no request is sent.
enum PlanComputation {
  static func compute(selection: ManifestSelection, api options: APIOptions) async throws -> Plan {
    let loaded = selection.load()
    guard loaded.isValid else {
      return Plan(
        warnings: loaded.diagnostics.filter { $0.severity == .warning }, errors: loaded.errors)
    }
    return try await options.withAPI { api in
      try await plan(desired: loaded.desired, manifestWarnings: loaded.diagnostics, api: api)
    }
  }

  static func plan(
    desired: DesiredState, manifestWarnings: [Diagnostic], api: any DatabaseAPI
  ) async throws -> Plan {
    let observation = try await ObservedStateReader(api: api).read(for: desired)
    var plan = Planner.plan(desired: desired, observed: observation.observed)
    plan.warnings = (plan.warnings + manifestWarnings + observation.warnings).sorted()
    return plan
  }
}
