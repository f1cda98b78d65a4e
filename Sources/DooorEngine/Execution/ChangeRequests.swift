public import DooorCore

extension CreateDatabaseRequest {
  /// Every declared field, `ignoreChanges` ones included (they are only left out of diffs);
  /// what the manifest omits is left out so the API's defaults apply.
  public init(declared: DeclaredDatabase) {
    self.init(
      name: declared.name, slug: declared.slug, engine: declared.engine,
      version: declared.version, cpu: declared.cpu?.text, memory: declared.memory?.text,
      storageGb: declared.storageGb, storageClass: declared.storageClass)
  }
}

extension UpdateDatabaseRequest {
  /// Only the fields the plan found changed and a PATCH can change; the declared value wins over
  /// the plan's text of it.
  public init(change: PlannedChange) {
    self.init()
    let declared = change.declared
    for field in change.fields {
      switch field.field {
      case .name:
        name = declared?.name ?? field.after
      case .cpu:
        cpu = declared?.cpu?.text ?? field.after
      case .memory:
        memory = declared?.memory?.text ?? field.after
      case .storageGb:
        storageGb = declared?.storageGb ?? field.after.flatMap { Int($0) }
      case .engine, .version, .storageClass:
        // These force a replacement; a PATCH cannot carry them.
        continue
      }
    }
  }
}
