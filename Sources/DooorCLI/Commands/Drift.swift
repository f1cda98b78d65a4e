import ArgumentParser
import DooorCore
import DooorEngine
import Foundation

extension Dooordb {
  struct Drift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "drift",
      abstract: "Report what differs between the manifests and the API; never changes anything.",
      discussion: """
        Compares every declared workspace with the API: changed fields, declared databases that \
        are missing, state: absent databases that still exist, databases no manifest declares, \
        and declared databases that are not ready. With --policy, also what in the live state \
        breaks the policies. Only GET requests are sent. Exits 0 when there is no drift, 2 on \
        drift or a mandatory policy violation, 1 on error.

        EXAMPLES:
          dooordb drift manifests
          dooordb drift manifests --format markdown
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json, markdown
    }

    @OptionGroup var manifests: ManifestSelection

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @OptionGroup var policies: PolicySelection

    @OptionGroup var api: APIOptions

    func run() async throws {
      let loadedPolicies = policies.load()
      guard loadedPolicies.isValid else {
        throw CommandOutput.report(loadedPolicies.diagnostics + manifests.load().diagnostics)
      }
      let (loaded, observation) = try await manifests.loadWithAPI(api) { loaded in
        throw CommandOutput.report(loaded.diagnostics)
      } _: { loaded, reader in
        (loaded, try await reader.read(for: loaded.desired))
      }
      let desired = loaded.desired
      var report = DriftDetector.report(
        desired: desired, observed: observation.observed, policies: loadedPolicies.policies)
      report.warnings = (report.warnings + loaded.diagnostics + observation.warnings).sorted()
      CommandOutput.standardOutput(
        report.rendered(as: DriftFormat(rawValue: format.rawValue)!, useColor: api.useColor))
      if report.hasDrift || report.hasMandatoryViolations { throw ExitCode(2) }
    }
  }
}
