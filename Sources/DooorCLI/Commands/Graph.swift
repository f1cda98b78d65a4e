import ArgumentParser
import DooorCore
import Foundation

extension Dooordb {
  struct Graph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw the declared databases and their dependsOn edges (Mermaid or Graphviz).",
      discussion: """
        Each database is coloured by the action a plan has for it, which needs the API (only
        GET requests are sent); --offline draws the manifests alone.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case mermaid, dot
    }

    @Argument(help: "Manifest files or directories (default: the current directory).")
    var paths: [String] = []

    @Option(help: "Output format: mermaid or dot.")
    var format: Format = .mermaid

    @Flag(help: "Do not call the API: draw the graph without planned actions.")
    var offline = false

    @Option(help: "Only this workspace (repeatable).")
    var workspace: [String] = []

    @OptionGroup var api: APIOptions

    func run() async throws {
      let loaded = ManifestFiles.load(paths, environment: ProcessInfo.processInfo.environment)
      guard loaded.isValid else { throw CommandOutput.report(loaded.diagnostics) }
      let desired = loaded.desired.limited(to: Set(workspace))
      var plan: Plan?
      if !offline {
        let (observed, warnings) = try await api.withAPI { api in
          try await DriftObservation.observe(desired, api: api)
        }
        for warning in warnings { StandardError.write("warning: \(warning)") }
        plan = Planner.plan(desired: desired, observed: observed)
      }
      let graph = DependencyGraph(desired: desired, plan: plan)
      let rendered = DependencyGraphRenderer.render(
        graph, as: DependencyGraphRenderer.Format(rawValue: format.rawValue)!)
      CommandOutput.standardOutput(rendered)
    }
  }
}
