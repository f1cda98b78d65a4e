/// Everything the documents say about one workspace, merged, and the checks that need them all:
/// `prune` agreement, unique slugs, and `dependsOn` (unknown, self, absent, cycles).
struct WorkspaceDeclarations {
  let name: String
  private var pruneSettings: [(value: Bool, location: SourceLocation)] = []
  /// In the order written: files in the order given, documents and entries top to bottom.
  private var entries: [DatabaseEntry] = []

  init(name: String) {
    self.name = name
  }

  mutating func add(_ document: ManifestDocument) {
    if let prune = document.prune { pruneSettings.append(prune) }
    entries += document.entries
  }

  /// The first declaration of each slug that passed its own checks.
  var declared: DeclaredWorkspace {
    var seen: Set<String> = []
    var databases: [DeclaredDatabase] = []
    databases.reserveCapacity(entries.count)
    for entry in entries {
      if let declared = entry.declared, seen.insert(declared.slug).inserted {
        databases.append(declared)
      }
    }
    return DeclaredWorkspace(
      name: name, prune: pruneSettings.first?.value ?? false, databases: databases)
  }

  func check(reportUnknownDependencies: Bool) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if let first = pruneSettings.first {
      for other in pruneSettings.dropFirst() where other.value != first.value {
        diagnostics.append(
          .error(
            at: other.location,
            "prune is \(other.value) here but \(first.value) at \(first.location) for workspace \"\(name)\""
          ))
      }
    }

    // Indices into `entries`, not copies: entries are large and there may be thousands.
    var firstIndex: [String: Int] = [:]
    firstIndex.reserveCapacity(entries.count)
    for (index, entry) in entries.enumerated() {
      guard let slug = entry.slug else { continue }
      if let first = firstIndex[slug].map({ entries[$0] }) {
        diagnostics.append(
          .error(
            at: entry.slugLocation,
            "slug \"\(slug)\" is declared twice in workspace \"\(name)\"; first at \(first.slugLocation)"
          ))
      } else {
        firstIndex[slug] = index
      }
    }

    var edges: [String: [String]] = [:]
    for (slug, index) in firstIndex {
      let entry = entries[index]
      for dependency in entry.dependsOn {
        if dependency.slug == slug {
          diagnostics.append(.error(at: dependency.location, "\"\(slug)\" depends on itself"))
        } else if let target = firstIndex[dependency.slug].map({ entries[$0] }) {
          if target.isAbsent && !entry.isAbsent {
            diagnostics.append(
              .error(
                at: dependency.location,
                "\"\(slug)\" depends on \"\(dependency.slug)\", which is declared with state: absent at \(target.slugLocation)"
              ))
          } else {
            edges[slug, default: []].append(dependency.slug)
          }
        } else if reportUnknownDependencies {
          diagnostics.append(
            .error(
              at: dependency.location,
              "\"\(slug)\" depends on unknown database \"\(dependency.slug)\" in workspace \"\(name)\""
                + Suggestion.hint(
                  for: dependency.slug, among: firstIndex.keys.filter { $0 != slug }.sorted())))
        }
      }
    }
    for cycle in DependencyCycles.find(in: edges) {
      let start = entries[firstIndex[cycle[0]]!]
      diagnostics.append(
        .error(
          at: start.dependsOnLocation ?? start.location,
          "dependency cycle: \(cycle.joined(separator: " -> "))"))
    }
    return diagnostics
  }
}
