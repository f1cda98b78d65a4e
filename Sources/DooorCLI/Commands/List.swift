import ArgumentParser
import DooorAPI
import DooorCore

extension Dooordb {
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the databases of a workspace.",
      discussion: """
        EXAMPLES:
          dooordb list --workspace shop-production
          dooordb list --workspace shop-production --engine postgresql --status error
          dooordb list --local --workspace shop --format json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case table, json
    }

    @Option(help: "The workspace to list.")
    var workspace: String

    @Option(help: "Only databases of this engine.")
    var engine: EngineFilterArgument?

    @Option(help: "Only databases in this status.")
    var status: StatusFilterArgument?

    @Option(help: "Only databases whose name or slug contains TEXT.")
    var search: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @OptionGroup var api: APIOptions

    func run() async throws {
      let filter = DatabaseFilter(
        engine: engine?.engine.rawValue, status: status?.status.rawValue, search: search)
      let workspace = self.workspace
      let interruption = ReadOnlyInterruption()
      let listing = try await api.withAPI { api in
        try await api.listDatabases(workspace: workspace, filter: filter)
      }
      interruption.claimOutput()
      let databases = listing.databases.sorted { $0.slug < $1.slug }
      switch format {
      case .json:
        CommandOutput.standardOutputLine(
          try DatabaseRendering.json(
            DatabaseRendering.ListDocument(
              workspace: workspace,
              databases: databases,
              warnings: listing.warnings)))
      case .table:
        for warning in listing.warnings {
          CommandOutput.standardErrorLine("warning: \(DisplayText.visible(warning))")
        }
        if databases.isEmpty {
          CommandOutput.standardOutputLine("No databases in workspace \(workspace).")
        } else {
          CommandOutput.standardOutputLine(DatabaseRendering.table(databases))
        }
      }
    }
  }
}
