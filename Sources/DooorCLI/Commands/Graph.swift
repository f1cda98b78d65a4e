import ArgumentParser
import DooorCore

extension Dooordb {
  struct Graph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "graph",
      abstract: "Draw the declared databases and their dependsOn edges (Mermaid or Graphviz).",
      discussion: """
        Each database is coloured by the action a plan has for it, which needs the API (only \
        GET requests are sent); --offline draws the manifests alone.

        EXAMPLES:
          dooordb graph manifests --offline
          dooordb graph manifests --format dot | dot -Tsvg > graph.svg
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case mermaid, dot
    }

    @OptionGroup var manifests: ManifestSelection

    @Option(help: "Output format: mermaid or dot.")
    var format: Format = .mermaid

    @Flag(help: "Do not call the API: draw the graph without planned actions.")
    var offline = false

    @OptionGroup var api: APIOptions

    func run() async throws {
      let desired: DesiredState
      var plan: DooorCore.Plan?
      if offline {
        let loaded = await manifests.load()
        guard loaded.isValid else { throw CommandOutput.report(loaded.diagnostics) }
        desired = loaded.desired
      } else {
        let computed: DooorCore.Plan
        (desired, computed) = try await manifests.loadWithAPI(api) { loaded in
          throw CommandOutput.report(loaded.diagnostics)
        } _: { loaded, reader in
          let plan = try await PlanComputation.plan(
            desired: loaded.desired, manifestWarnings: loaded.diagnostics, reader: reader)
          return (loaded.desired, plan)
        }
        // The colours are the plan's actions; its errors and warnings belong to `plan`.
        if !computed.warnings.isEmpty || !computed.errors.isEmpty {
          CommandOutput.standardErrorLine(
            "note: the plan has \(Plural.count(computed.errors.count, "error")) and"
              + " \(Plural.count(computed.warnings.count, "warning")); dooordb plan shows them")
        }
        plan = computed
      }
      let graph = DependencyGraph(desired: desired, plan: plan)
      let rendered = DependencyGraphRenderer.render(
        graph, as: DependencyGraphRenderer.Format(rawValue: format.rawValue)!)
      CommandOutput.standardOutput(rendered)
    }
  }
}
