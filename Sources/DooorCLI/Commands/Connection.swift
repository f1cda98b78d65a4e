import ArgumentParser
import DooorAPI
import DooorCore

extension Dooordb {
  struct Connection: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "connection",
      abstract: "Print a database's credentials (the only command that shows a password).",
      discussion: """
        With --all, prints env lines for every database of the workspace, each prefixed from \
        its slug (production-db -> PRODUCTION_DB_URL, ...; a slug starting with a digit gets \
        a leading _), after --env-prefix and _ when one is given.

        EXAMPLES:
          dooordb connection --workspace shop-production orders-db --format env --env-prefix DATABASE
          dooordb connection --workspace shop-production --all > .env
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case env, json, uri
    }

    @Option(help: "The workspace of the database.")
    var workspace: String

    @Argument(help: "The database's slug (omit with --all).")
    var slug: String?

    @Flag(help: "Every database of the workspace (--format env only).")
    var all = false

    @Option(help: "Output format: env (lines for `source`), json or uri.")
    var format: Format = .env

    @Option(
      name: .customLong("env-prefix"),
      help: "Prefix of the variable names for --format env (default: DATABASE; none with --all).")
    var envPrefix: String?

    @OptionGroup var api: APIOptions

    /// Credentials fetched at once with --all.
    static let concurrency = 8

    func validate() throws {
      if let envPrefix, !ConnectionRendering.isVariableName(envPrefix) {
        throw ValidationError(
          "--env-prefix must be a shell variable name (letters, digits, _; not starting with a digit)"
        )
      }
      if all {
        guard slug == nil else { throw ValidationError("give a slug or --all, not both") }
        guard format == .env else { throw ValidationError("--all prints --format env only") }
      } else if slug == nil {
        throw ValidationError("missing the database's slug (or --all for every database)")
      }
    }

    func run() async throws {
      let workspace = self.workspace
      if all {
        try await printAll(workspace: workspace)
        return
      }
      let slug = self.slug ?? ""
      let connection = try await api.withAPI { api in
        let found = try await SlugResolver.resolve(slug: slug, workspace: workspace, api: api)
        return try await api.connection(workspace: workspace, id: found.id)
      }
      switch format {
      case .env:
        CommandOutput.standardOutputLine(
          ConnectionRendering.env(connection, prefix: envPrefix ?? "DATABASE"))
      case .json: CommandOutput.standardOutputLine(try ConnectionRendering.json(connection))
      case .uri: CommandOutput.standardOutputLine(connection.uri)
      }
    }

    private func printAll(workspace: String) async throws {
      let connections = try await api.withAPI { api in
        let listing = try await api.listDatabases(workspace: workspace, filter: .all)
        let databases = listing.databases.filter { $0.status != .deleting }
          .sorted { $0.slug < $1.slug }
        return try await concurrentMap(databases, limit: Self.concurrency) { database in
          (database.slug, try await api.connection(workspace: workspace, id: database.id))
        }
      }
      let lines = connections.map { slug, connection in
        let prefix = ConnectionRendering.variablePrefix(forSlug: slug)
        return ConnectionRendering.env(
          connection, prefix: envPrefix.map { $0 + "_" + prefix } ?? prefix)
      }
      if !lines.isEmpty { CommandOutput.standardOutputLine(lines.joined(separator: "\n")) }
    }
  }
}
