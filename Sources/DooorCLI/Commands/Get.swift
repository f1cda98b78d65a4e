import ArgumentParser
import DooorAPI
import DooorCore

extension Dooordb {
  struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "get",
      abstract: "Show one database of a workspace, found by its slug.",
      discussion: """
        EXAMPLES:
          dooordb get --workspace shop-production orders-db
          dooordb get --workspace shop-production orders-db --format json
        """)

    @Option(help: "The workspace of the database.")
    var workspace: String

    @Argument(help: "The database's slug.")
    var slug: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSONFormat = .text

    @OptionGroup var api: APIOptions

    func run() async throws {
      let workspace = self.workspace
      let slug = self.slug
      let interruption = ReadOnlyInterruption()
      let database = try await api.withAPI { api in
        let found = try await SlugResolver.resolve(slug: slug, workspace: workspace, api: api)
        // The list leaves fields out (storageClass); the single database has them all.
        return try await api.database(workspace: workspace, id: found.id)
      }
      interruption.claimOutput()
      switch format {
      case .text: CommandOutput.standardOutputLine(DatabaseRendering.text(database))
      case .json:
        CommandOutput.standardOutputLine(
          try DatabaseRendering.json(DatabaseRendering.GetDocument(database: database)))
      }
    }
  }
}
