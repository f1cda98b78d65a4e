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
      "workspace: \(YAMLScalarText.render(workspace))",
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

  private static func entry(for database: RemoteDatabase) -> [String] {
    var fields: [(String, String)] = [
      ("slug", YAMLScalarText.render(database.slug)),
      ("name", YAMLScalarText.render(database.name)),
      ("engine", YAMLScalarText.render(database.engine.rawValue)),
    ]
    // A version is always quoted: `8.0` read as a number would become `8`.
    if let version = database.version {
      fields.append(("version", YAMLScalarText.doubleQuoted(version)))
    }
    if let cpu = database.cpu { fields.append(("cpu", YAMLScalarText.render(cpu))) }
    if let memory = database.memory { fields.append(("memory", YAMLScalarText.render(memory))) }
    if let storageGb = database.storageGb { fields.append(("storageGb", String(storageGb))) }
    if let storageClass = database.storageClass {
      fields.append(("storageClass", YAMLScalarText.render(storageClass)))
    }
    return fields.enumerated().map { index, field in
      (index == 0 ? "  - " : "    ") + "\(field.0): \(field.1)"
    }
  }
}
