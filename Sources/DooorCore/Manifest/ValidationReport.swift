import Foundation

/// What `dooordb validate` prints, computed from a load result: a summary line per workspace,
/// or the errors; and the same as one JSON document.
public enum ValidationReport {
  /// One line per workspace, e.g. `workspace acme-prod: 3 databases (2 present, 1 absent), prune off`.
  public static func summary(of state: DesiredState) -> String {
    guard !state.workspaces.isEmpty else { return "no workspaces declared\n" }
    return state.workspaces.map { workspace in
      let absent = workspace.databases.filter { $0.state == .absent }.count
      let total = workspace.databases.count
      let noun = total == 1 ? "database" : "databases"
      return
        "workspace \(workspace.name): \(total) \(noun) (\(total - absent) present, \(absent) absent), prune \(workspace.prune ? "on" : "off")\n"
    }.joined()
  }

  /// `FILE:LINE:COL: error: MESSAGE`, one per line.
  public static func errorLines(of result: ManifestLoadResult) -> String {
    result.diagnostics.map { "\($0)\n" }.joined()
  }

  /// `{"formatVersion":1,"valid":…,"workspaces":[…],"errors":[{"file","line","column","message"}]}`,
  /// keys sorted so the document is stable. Workspaces are listed only when the manifests are valid.
  public static func json(of result: ManifestLoadResult) -> String {
    let document = Document(
      formatVersion: 1, valid: result.isValid,
      workspaces: result.isValid ? result.desired.workspaces.map(Document.Workspace.init) : [],
      errors: result.diagnostics.map(Document.Error.init))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings, numbers and booleans cannot fail.
    let data = try! encoder.encode(document)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private struct Document: Encodable {
    struct Workspace: Encodable {
      struct Database: Encodable {
        var slug: String
        var name: String
        var engine: String
        var state: String
      }
      var name: String
      var prune: Bool
      var databases: [Database]

      init(_ workspace: DeclaredWorkspace) {
        name = workspace.name
        prune = workspace.prune
        databases = workspace.databases.map {
          Database(
            slug: $0.slug, name: $0.name, engine: $0.engine.rawValue, state: $0.state.rawValue)
        }
      }
    }

    struct Error: Encodable {
      var file: String?
      var line: Int?
      var column: Int?
      var severity: String
      var message: String

      init(_ diagnostic: Diagnostic) {
        file = diagnostic.location?.file
        line = diagnostic.location?.line
        column = diagnostic.location?.column
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
      }
    }

    var formatVersion: Int
    var valid: Bool
    var workspaces: [Workspace]
    var errors: [Error]
  }
}
