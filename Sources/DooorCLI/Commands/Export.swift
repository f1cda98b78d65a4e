import ArgumentParser
import DooorAPI
import DooorCore
import Foundation

extension Dooordb {
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write a manifest declaring a workspace's databases as they are (to adopt it).",
      discussion: """
        Lists the workspace, fetches each database for the fields the listing leaves out \
        (storageClass), and writes a manifest sorted by slug that validate accepts and on which \
        plan shows no changes. Only GET requests are sent.

        EXAMPLES:
          dooordb export --workspace shop-production --out manifests/shop-production.yaml
        """)

    @Option(help: "The workspace to export.")
    var workspace: String

    @Option(help: "Write the manifest to FILE instead of standard output.", completion: .file())
    var out: String?

    @OptionGroup var api: APIOptions

    /// Requests in flight at once while fetching each database.
    static let concurrency = 8

    func run() async throws {
      let workspace = self.workspace
      let interruption = ReadOnlyInterruption()
      let (databases, warnings) = try await api.withAPI { api in
        let listing = try await api.listDatabases(workspace: workspace, filter: .all)
        // One being deleted is going away: declaring it would ask apply to create it again.
        let kept = listing.databases.filter { $0.status != .deleting }
        let gone = listing.databases.filter { $0.status == .deleting }.map {
          "\(workspace)/\($0.slug) is being deleted; it is left out"
        }
        let detailed = try await concurrentMap(kept, limit: Self.concurrency) {
          try await api.database(workspace: workspace, id: $0.id)
        }
        return (detailed, listing.warnings + gone.sorted())
      }
      interruption.claimOutput()
      for warning in warnings {
        CommandOutput.standardErrorLine("warning: \(DisplayText.visible(warning))")
      }
      for database in databases.sorted(by: { $0.slug < $1.slug }) where !database.engine.isKnown {
        CommandOutput.standardErrorLine(
          "warning: \(workspace)/\(database.slug) has engine \(DisplayText.visible(database.engine.rawValue)), which"
            + " dooordb does not know; validate rejects the exported entry until it is edited")
      }
      let manifest = ManifestExporter.manifest(workspace: workspace, databases: databases)
      guard let out else {
        CommandOutput.standardOutput(manifest)
        return
      }
      try SystemFile.writeAtomically(Data(manifest.utf8), to: out, what: "the manifest")
      CommandOutput.standardErrorLine(
        "Exported \(Plural.count(databases.count, "database")) of \(workspace) to \(out).")
    }
  }
}
