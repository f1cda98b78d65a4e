import DooorCore
import DooorEngine

/// Manifests → validated desired state → observed state from the API → plan: the pipeline
/// plan, apply and graph share. Invalid manifests give a plan holding only their errors.
enum PlanComputation {
  static func compute(selection: ManifestSelection, api options: APIOptions) async throws -> Plan {
    return try await selection.loadWithAPI(options) { loaded in
      Plan(warnings: loaded.diagnostics.filter { $0.severity == .warning }, errors: loaded.errors)
    } _: { loaded, reader in
      try await plan(desired: loaded.desired, manifestWarnings: loaded.diagnostics, reader: reader)
    }
  }

  static func plan(
    desired: DesiredState, manifestWarnings: [Diagnostic], reader: ObservedStateReader
  ) async throws -> Plan {
    let observation = try await reader.read(for: desired)
    var plan = Planner.plan(desired: desired, observed: observation.observed)
    plan.warnings = (plan.warnings + manifestWarnings + observation.warnings).sorted()
    return plan
  }
}
