import ArgumentParser
import DooorCore
import DooorEngine
import Foundation

extension Dooordb {
  /// `dooordb drift`; named apart from the core's drift types.
  struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "drift",
      abstract: "Report what differs between the manifests and the API; never changes anything.",
      discussion: """
        Compares every declared workspace with the API: changed fields, declared databases that \
        are missing, state: absent databases that still exist, databases no manifest declares, \
        and declared databases that are not ready. With --policy, also what in the live state \
        breaks the policies. Only GET requests are sent. Exits 0 when there is no drift, 2 on \
        drift or a mandatory policy violation, 1 on error. With --format json or markdown, \
        stdout holds one document also when drift fails.

        EXAMPLES:
          dooordb drift manifests
          dooordb drift manifests --format markdown
        """)

    @OptionGroup var manifests: ManifestSelection

    @OptionGroup var output: ReviewOutputOptions

    @OptionGroup var policies: PolicySelection

    @OptionGroup var api: APIOptions

    func run() async throws {
      let loadedPolicies = policies.load()
      let report = try await output.failingAsDocument(command: "drift") {
        guard loadedPolicies.isValid else {
          throw InvalidInputs(
            diagnostics: loadedPolicies.diagnostics + (await manifests.load()).diagnostics)
        }
        let (loaded, observation) = try await manifests.loadWithAPI(api) { loaded in
          throw InvalidInputs(diagnostics: loaded.diagnostics)
        } _: { loaded, reader in
          (loaded, try await reader.read(for: loaded.desired))
        }
        var report = DriftDetector.report(
          desired: loaded.desired, observed: observation.observed,
          policies: loadedPolicies.policies)
        report.warnings = (report.warnings + loaded.diagnostics + observation.warnings).sorted()
        return report
      }
      CommandOutput.standardOutput(
        report.rendered(
          as: output.format.driftFormat, useColor: api.useColor,
          maxCharacters: output.markdownLimit))
      if report.hasDrift || report.hasMandatoryViolations { throw ExitCode(2) }
    }
  }
}
