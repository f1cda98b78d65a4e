/// One policy checked against one workspace, rule by rule, collecting what breaks it.
struct PolicyCheck {
  let policy: Policy
  let workspace: String
  private(set) var violations: [PolicyViolation] = []

  init(policy: Policy, workspace: String) {
    self.policy = policy
    self.workspace = workspace
  }

  // MARK: - Per database

  mutating func database(
    _ database: SizedDatabase, slugPattern: Regex<AnyRegexOutput>?, checkDeclarations: Bool
  ) {
    let slug = database.reference.slug
    func at(_ key: String) -> SourceLocation? { database.declared?.location(of: key) }
    if let engines = policy.engines, !engines.contains(database.engine) {
      add(
        .engines, slug,
        "engine \(DisplayText.quoted(database.engine.rawValue)) is not allowed (allowed: "
          + engines.map(\.rawValue).joined(separator: ", ") + ")", at("engine"))
    }
    if let constraint = policy.versions[database.engine], let version = database.version,
      !constraint.allows(version)
    {
      add(
        .versions, slug,
        "\(database.engine) version \(DisplayText.quoted(version))"
          + defaultNote(.version, database) + " is not allowed (allowed: \(constraint))",
        at("version"))
    }
    let max = policy.max
    if let ceiling = max.cpu, database.cpu > ceiling {
      add(
        .max, slug,
        "cpu \(database.cpu.text)\(defaultNote(.cpu, database)) is more than the maximum"
          + " \(ceiling.text)", at("cpu"))
    }
    if let ceiling = max.memory, database.memory > ceiling {
      add(
        .max, slug,
        "memory \(database.memory.text)\(defaultNote(.memory, database)) is more than the"
          + " maximum \(ceiling.text)", at("memory"))
    }
    if let ceiling = max.storageGb, database.storageGb > ceiling {
      add(
        .max, slug,
        "storageGb \(database.storageGb)\(defaultNote(.storageGb, database)) is more than the"
          + " maximum \(ceiling)", at("storageGb"))
    }
    if checkDeclarations, !policy.require.isEmpty, let declared = database.declared {
      for key in policy.require {
        if let problem = Self.missing(key, in: declared) {
          add(.require, slug, problem, declared.location(of: key.rawValue))
        }
      }
    }
    if let slugPattern, (try? slugPattern.firstMatch(in: slug)) == nil {
      add(
        .slugPattern, slug,
        "slug \(DisplayText.quoted(slug)) does not match"
          + " \(DisplayText.quoted(policy.slugPattern ?? ""))", at("slug"))
    }
  }

  /// Why `key` is not declared as the policy requires, or nil when it is.
  private static func missing(_ key: Policy.RequiredKey, in declared: DeclaredDatabase) -> String? {
    let written: Bool
    switch key {
    case .protect:
      if declared.protect { return nil }
      return declared.keyLocations["protect"] == nil
        ? "protect is not declared; the policy requires protect: true"
        : "protect is false; the policy requires protect: true"
    case .version: written = declared.version != nil
    case .cpu: written = declared.cpu != nil
    case .memory: written = declared.memory != nil
    case .storageGb: written = declared.storageGb != nil
    case .storageClass: written = declared.storageClass != nil
    }
    return written ? nil : "\(key.rawValue) is not declared; the policy requires it"
  }

  private func defaultNote(_ field: DatabaseField, _ database: SizedDatabase) -> String {
    guard database.defaulted.contains(field) else { return "" }
    return database.declared == nil
      ? " (the API's default: not reported)" : " (the API's default: \(field.rawValue) is omitted)"
  }

  // MARK: - Per workspace

  /// The workspace's sums against `totals`; `when` says which state they are of ("after the
  /// plan", "in the live state").
  mutating func totals(_ databases: [SizedDatabase], when: String) {
    let totals = policy.totals
    guard !totals.isEmpty else { return }
    var sum = ResourceAmounts.zero
    for database in databases { sum += database.amounts }
    if let ceiling = totals.cpu, sum.cpuMillicores > ceiling.roundedUpValue(scaledBy: 3) {
      add(
        .totals, nil,
        "cpu \(when) is \(ResourceText.coresCount(sum.cpuMillicores)), more than the total"
          + " \(ceiling.text)", nil)
    }
    if let ceiling = totals.memory, sum.memoryBytes > ceiling.roundedUpValue() {
      add(
        .totals, nil,
        "memory \(when) is \(ResourceText.memory(sum.memoryBytes)), more than the total"
          + " \(ceiling.text)", nil)
    }
    if let ceiling = totals.storageGb, sum.storageGb > ceiling {
      add(
        .totals, nil,
        "storage \(when) is \(sum.storageGb) GB, more than the total \(ceiling) GB", nil)
    }
  }

  mutating func actions(_ changes: [PlannedChange]) {
    if !policy.forbid.isEmpty {
      for change in changes where policy.forbid.contains(change.action) {
        // An update is forbidden for what it changes; the other actions for their reason.
        let action =
          change.action == .update && !change.fields.isEmpty
          ? "update of " + change.fields.map(\.field.rawValue).joined(separator: ", ")
          : change.action.rawValue
        add(
          .forbid, change.reference.slug,
          "\(action) is forbidden"
            + (change.reason.map { " (\(DisplayText.visible($0)))" } ?? ""),
          Self.location(of: change))
      }
    }
    if let budget = policy.maxDestroy {
      let destructive = changes.filter(\.isDestructive)
      if destructive.count > budget {
        let named = destructive.map { "\($0.action.rawValue) \($0.reference.slug)" }
        add(
          .maxDestroy, nil,
          "the plan deletes or replaces \(Plural.count(destructive.count, "database"))"
            + " (\(named.joined(separator: ", "))), more than the \(budget) allowed", nil)
      }
    }
  }

  /// Where the manifest asks for the action: `state` for a delete it declares, the field
  /// that forces a replacement, the first changed field of an update, the entry of a create.
  /// A prune delete has no manifest line.
  static func location(of change: PlannedChange) -> SourceLocation? {
    guard let declared = change.declared else { return nil }
    switch change.action {
    case .delete: return declared.location(of: "state")
    case .replace:
      let cause = change.fields.first { $0.field.forcesReplacement }
      return cause.map { declared.location(of: $0.field.rawValue) } ?? declared.location
    case .update:
      return change.fields.first.map { declared.location(of: $0.field.rawValue) }
        ?? declared.location
    case .create: return declared.location
    }
  }

  private mutating func add(
    _ rule: PolicyRule, _ slug: String?, _ message: String, _ location: SourceLocation?
  ) {
    violations.append(
      PolicyViolation(
        policy: policy.name, rule: rule, enforcement: policy.enforcement, workspace: workspace,
        slug: slug, message: message, location: location))
  }
}
