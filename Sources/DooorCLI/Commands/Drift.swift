import ArgumentParser
import DooorCore
import Foundation

extension Dooordb {
  struct Drift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Report what differs between the manifests and the API; never changes anything.",
      discussion: """
        Compares every declared workspace with the API: changed fields, declared databases that
        are missing, state: absent databases that still exist, databases no manifest declares,
        and declared databases that are not ready. Only GET requests are sent.
        Exits 0 when there is no drift, 2 on drift, 1 on error.
        """)

    @Argument(help: "Manifest files or directories (default: the current directory).")
    var paths: [String] = []

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json, markdown
    }

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: "Only this workspace (repeatable).")
    var workspace: [String] = []

    @OptionGroup var api: APIOptions

    func run() async throws {
      let loaded = ManifestFiles.load(paths, environment: ProcessInfo.processInfo.environment)
      guard loaded.isValid else { throw CommandOutput.report(loaded.diagnostics) }
      let desired = loaded.desired.limited(to: Set(workspace))
      let unknown = Set(workspace).subtracting(desired.workspaces.map(\.name))
      guard unknown.isEmpty else {
        throw CommandFailure(
          "no manifest declares workspace \(unknown.sorted().joined(separator: ", "))")
      }
      let (observed, warnings) = try await api.withAPI { api in
        try await DriftObservation.observe(desired, api: api)
      }
      for warning in warnings { StandardError.write("warning: \(warning)") }
      let report = DriftDetector.report(desired: desired, observed: observed)
      CommandOutput.standardOutput(
        report.rendered(as: DriftFormat(rawValue: format.rawValue)!, useColor: api.useColor))
      if report.hasDrift { throw ExitCode(2) }
    }
  }
}
