import ArgumentParser
import DooorCore
import Foundation

extension Dooordb {
  struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check manifests offline and report every problem with its position.",
      discussion: """
        Reads every .yaml/.yml file under the given paths (default: the current directory), \
        expands ${VAR} and ${VAR:-default} from the environment, and checks the manifests \
        without calling the API. With --policy, checks the policy files too. Exits 0 with a summary per workspace, or 1 with one \
        FILE:LINE:COL: error: MESSAGE line per problem.

        EXAMPLES:
          dooordb validate
          dooordb validate manifests --policy policies --format json
        """)

    @Argument(
      help: "Manifest files or directories (default: the current directory).",
      completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: TextOrJSONFormat = .text

    @OptionGroup var policies: PolicySelection

    func run() async throws {
      let manifests = await ManifestFiles.load(
        paths, environment: ProcessInfo.processInfo.environment)
      let policyFiles = policies.load()
      // One report: the problems of the policy files beside those of the manifests.
      let result = ManifestLoadResult(
        desired: manifests.desired, diagnostics: manifests.diagnostics + policyFiles.diagnostics)
      switch format {
      case .json:
        CommandOutput.standardOutput(ValidationReport.json(of: result))
        if !result.isValid { throw ExitCode.failure }
      case .text:
        guard result.isValid else { throw CommandOutput.report(result.diagnostics) }
        CommandOutput.standardOutput(ValidationReport.summary(of: result.desired))
        if !policies.effectivePaths.isEmpty {
          let count = policyFiles.policies.count
          CommandOutput.standardOutput(
            "policies: \(count) valid polic\(count == 1 ? "y" : "ies")\n")
        }
      }
    }
  }
}
