import DooorCore
import DooorEngine

/// Manifests (and policies) → validated desired state → observed state from the API → plan:
/// the pipeline plan, apply and graph share. Invalid manifests or policy files throw
/// `InvalidInputs`, and then the API is not called at all.
enum PlanComputation {
  static func compute(
    selection: ManifestSelection, api options: APIOptions,
    policies: PolicyLoadResult = PolicyLoadResult(), planOptions: PlanOptions = PlanOptions()
  ) async throws -> Plan {
    guard policies.isValid else {
      throw InvalidInputs(diagnostics: await selection.load().diagnostics + policies.diagnostics)
    }
    return try await selection.loadWithAPI(options) { loaded in
      throw InvalidInputs(diagnostics: loaded.diagnostics + policies.diagnostics)
    } _: { loaded, reader in
      try await plan(
        desired: loaded.desired, manifestWarnings: loaded.diagnostics, reader: reader,
        options: planOptions)
    }
  }

  static func plan(
    desired: DesiredState, manifestWarnings: [Diagnostic], reader: ObservedStateReader,
    options: PlanOptions = PlanOptions()
  ) async throws -> Plan {
    let observation = try await reader.read(for: desired)
    var plan = Planner.plan(desired: desired, observed: observation.observed, options: options)
    plan.warnings = (plan.warnings + manifestWarnings + observation.warnings).sorted()
    return plan
  }
}
