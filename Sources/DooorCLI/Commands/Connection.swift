import ArgumentParser
import DooorAPI
import DooorCore

extension Dooordb {
  struct Connection: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print a database's credentials (the only command that shows a password).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case env, json, uri
    }

    @Option(help: "The workspace of the database.")
    var workspace: String

    @Argument(help: "The database's slug.")
    var slug: String

    @Option(help: "Output format: env (lines for `source`), json or uri.")
    var format: Format = .env

    @Option(name: .customLong("env-prefix"), help: "Prefix of the variable names for --format env.")
    var envPrefix: String = "DATABASE"

    @OptionGroup var api: APIOptions

    func validate() throws {
      guard ConnectionRendering.isVariableName(envPrefix) else {
        throw ValidationError(
          "--env-prefix must be a shell variable name (letters, digits, _; not starting with a digit)"
        )
      }
    }

    func run() async throws {
      let workspace = self.workspace
      let slug = self.slug
      let connection = try await api.withAPI { api in
        let found = try await SlugResolver.resolve(slug: slug, workspace: workspace, api: api)
        return try await api.connection(workspace: workspace, id: found.id)
      }
      switch format {
      case .env: print(ConnectionRendering.env(connection, prefix: envPrefix))
      case .json: print(try ConnectionRendering.json(connection))
      case .uri: print(connection.uri)
      }
    }
  }
}
