/// Writes the manifest that declares a workspace's databases exactly as they are, so that an
/// existing workspace can be adopted: `validate` accepts it and `plan` on it shows no changes.
public enum ManifestExporter {
  /// The editor hint line, relative to a manifest kept one folder below the repository root.
  public static let schemaComment =
    "# yaml-language-server: $schema=../schemas/manifest.schema.json"

  /// Databases sorted by slug. Fields the API did not report are left out, so they stay
  /// unmanaged rather than being guessed.
  public static func manifest(workspace: String, databases: [RemoteDatabase]) -> String {
    var lines = [
      schemaComment,
      "workspace: \(scalar(workspace))",
      "prune: false",
    ]
    let sorted = databases.sorted { $0.slug < $1.slug }
    if sorted.isEmpty {
      lines.append("databases: []")
    } else {
      lines.append("databases:")
      for database in sorted {
        lines.append(contentsOf: entry(for: database))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A value as a scalar that loads back as itself: the loader expands `${VAR}` in every
  /// scalar, and `$${` is how a manifest writes a literal `${`.
  private static func scalar(_ value: String) -> String {
    YAMLScalarText.render(literal(value))
  }

  private static func literal(_ value: String) -> String {
    value.contains("${") ? value.replacing("${", with: "$${") : value
  }

  private static func entry(for database: RemoteDatabase) -> [String] {
    var fields: [(String, String)] = [
      ("slug", scalar(database.slug)),
      ("name", scalar(database.name)),
      ("engine", scalar(database.engine.rawValue)),
    ]
    // A version is always quoted: `8.0` read as a number would become `8`.
    if let version = database.version {
      fields.append(("version", YAMLScalarText.doubleQuoted(literal(version))))
    }
    if let cpu = database.cpu { fields.append(("cpu", scalar(cpu))) }
    if let memory = database.memory { fields.append(("memory", scalar(memory))) }
    if let storageGb = database.storageGb { fields.append(("storageGb", String(storageGb))) }
    if let storageClass = database.storageClass {
      fields.append(("storageClass", scalar(storageClass)))
    }
    return fields.enumerated().map { index, field in
      (index == 0 ? "  - " : "    ") + "\(field.0): \(field.1)"
    }
  }
}
