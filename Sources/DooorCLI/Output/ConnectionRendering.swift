import DooorCore
import Foundation

/// How `connection` prints credentials: shell lines safe to `source`, or JSON.
enum ConnectionRendering {
  static func env(_ connection: ConnectionInfo, prefix: String) -> String {
    [
      ("URL", connection.uri), ("HOST", connection.host), ("PORT", String(connection.port)),
      ("USERNAME", connection.username), ("PASSWORD", connection.password),
    ].map { "\(prefix)_\($0.0)=\(shellQuoted($0.1))" }.joined(separator: "\n")
  }

  /// Single quotes keep every character literal in a shell; a quote inside is closed,
  /// escaped and reopened.
  static func shellQuoted(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// `production-db` → `PRODUCTION_DB`: a slug's letters upper-cased and dashes made `_`;
  /// a slug starting with a digit gets a leading `_`, as a variable name cannot.
  static func variablePrefix(forSlug slug: String) -> String {
    let name = String(slug.uppercased().map { $0 == "-" ? "_" : $0 })
    return name.first?.isNumber == true ? "_" + name : name
  }

  static func isVariableName(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return text.unicodeScalars.allSatisfy {
      ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
    }
  }

  private struct Document: Encodable {
    var formatVersion = DatabaseRendering.formatVersion
    var uri: String
    var username: String
    var password: String
    var host: String
    var port: Int
  }

  static func json(_ connection: ConnectionInfo) throws -> String {
    try DatabaseRendering.json(
      Document(
        uri: connection.uri, username: connection.username, password: connection.password,
        host: connection.host, port: connection.port))
  }
}
