/// What a workspace name may be: it goes into API paths, so only characters that need no
/// escaping, and at most `ManifestSchema.maximumWorkspaceLength` of them.
enum WorkspaceName {
  /// Nil when `name` is fine, else what is wrong with it.
  static func problem(with name: String) -> String? {
    if name.count > ManifestSchema.maximumWorkspaceLength {
      return "is \(name.count) characters long; at most \(ManifestSchema.maximumWorkspaceLength)"
        + " are allowed"
    }
    let allowed = name.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
          || "-_.".unicodeScalars.contains($0))
    }
    if !allowed { return "may only hold letters, digits, '-', '_' and '.'" }
    if name.hasPrefix(".") || name.hasPrefix("-") { return "must start with a letter or digit" }
    return nil
  }
}
