import DooorAPI
import DooorCore
import Foundation

/// How `list` and `get` show databases: a table or key/value text for people, stable JSON
/// for scripts. Never shows a password (these objects hold none).
enum DatabaseRendering {
  /// Every json document says its format (CONTRACT §10); the schemas are under schemas/.
  static let formatVersion = 1

  /// `get --format json`: the database in its wire form, and `formatVersion` beside it.
  struct GetDocument: Encodable {
    var database: RemoteDatabase

    private enum Keys: String, CodingKey { case formatVersion }

    func encode(to encoder: any Encoder) throws {
      try database.encode(to: encoder)
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(DatabaseRendering.formatVersion, forKey: .formatVersion)
    }
  }

  struct ListDocument: Encodable {
    var formatVersion = DatabaseRendering.formatVersion
    var workspace: String
    /// Each in the wire form `get --format json` prints too.
    var databases: [RemoteDatabase]
    var warnings: [String]
  }

  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func table(_ databases: [RemoteDatabase]) -> String {
    let header = ["SLUG", "NAME", "ENGINE", "VERSION", "STATUS", "CPU", "MEMORY", "STORAGE", "ID"]
    // Every cell comes from the API: an escape sequence or a bidi override in a name must be
    // shown, not obeyed by the terminal.
    let rows = databases.map { database in
      [
        database.slug, database.name, database.engine.rawValue, database.version ?? "-",
        database.status.rawValue, database.cpu ?? "-", database.memory ?? "-",
        database.storageGb.map { "\($0) GB" } ?? "-", database.id,
      ].map(DisplayText.visible)
    }
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  static func text(_ database: RemoteDatabase) -> String {
    let fields: [(String, String?)] = [
      ("slug", database.slug), ("name", database.name), ("id", database.id),
      ("engine", database.engine.rawValue), ("version", database.version),
      ("status", database.status.rawValue), ("cpu", database.cpu), ("memory", database.memory),
      ("storageGb", database.storageGb.map(String.init)), ("storageClass", database.storageClass),
      ("createdAt", database.createdAt), ("updatedAt", database.updatedAt),
      ("message", database.statusMessage),
    ]
    return fields.compactMap { key, value in
      value.map {
        "\((key + ":").padding(toLength: 14, withPad: " ", startingAt: 0))\(DisplayText.visible($0))"
      }
    }.joined(separator: "\n")
  }
}

/// Finds a database of a workspace by its slug, the user's name for it.
enum SlugResolver {
  static func resolve(slug: String, workspace: String, api: any DatabaseAPI) async throws
    -> RemoteDatabase
  {
    if let found = try await api.database(slug: slug, workspace: workspace) { return found }
    throw CommandFailure("no database with slug \(slug) in workspace \(workspace)")
  }
}
