import DooorCore
import DooorEngine

/// Manifests (and policies) → validated desired state → observed state from the API → plan:
/// the pipeline plan, apply and graph share. Invalid manifests or policy files give a plan
/// holding only their errors, and then the API is not called at all.
enum PlanComputation {
  static func compute(
    selection: ManifestSelection, api options: APIOptions,
    policies: PolicyLoadResult = PolicyLoadResult(), planOptions: PlanOptions = PlanOptions()
  ) async throws -> Plan {
    guard policies.isValid else {
      return invalid(selection.load(), policies: policies)
    }
    return try await selection.loadWithAPI(options) { loaded in
      invalid(loaded, policies: policies)
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

  /// A plan that only reports the problems of the manifests and the policy files.
  private static func invalid(_ loaded: ManifestLoadResult, policies: PolicyLoadResult) -> Plan {
    let diagnostics = (loaded.diagnostics + policies.diagnostics).sorted()
    return Plan(
      warnings: diagnostics.filter { $0.severity == .warning },
      errors: diagnostics.filter { $0.severity == .error })
  }
}
