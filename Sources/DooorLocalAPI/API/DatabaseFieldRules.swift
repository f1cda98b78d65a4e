import DooorCore
import Foundation

/// The fields a create or an update may carry, checked by one set of rules (CONTRACT §6):
/// types first (400, every problem at once), then values (422, every problem at once). What
/// passes is the request the client would have sent.
struct DatabaseFieldRules {
  static let engines: [Engine] = Engine.declarable
  static let storageRange = 1...1024
  /// Major versions offered per engine when simulated; a minor (`16.4`, `8.0`) of one of them
  /// is accepted too. Real engines offer what is installed.
  static let simulatedMajors: [Engine: [String]] = [
    .postgresql: ["13", "14", "15", "16", "17"],
    .mysql: ["5.7", "8"],
    .redis: ["6", "7"],
  ]

  private var fields: [String: JSONValue]
  private var typeProblems: [String] = []
  private var problems: [String] = []

  init(_ fields: [String: JSONValue]) {
    self.fields = fields
  }

  static func create(_ fields: [String: JSONValue]) throws(LocalAPIError) -> CreateDatabaseRequest {
    var rules = DatabaseFieldRules(fields)
    let name = rules.text("name", required: true)
    let slug = rules.text("slug", required: true)
    let engineText = rules.text("engine", required: true)
    let version = rules.text("version")
    let cpu = rules.text("cpu")
    let memory = rules.text("memory")
    let storageClass = rules.text("storageClass")
    let storageGb = rules.integer("storageGb")
    try rules.throwTypeProblems()
    rules.checkName(name)
    if let slug, !DNSLabel.isValid(slug) {
      rules.problems.append(
        "slug \"\(slug)\" is not a DNS-1123 label (lower-case letters, digits and '-', "
          + "starting and ending with a letter or digit, at most 63 characters)")
    }
    let engine = engineText.map(Engine.init(rawValue:))
    if let engine, !engine.isKnown {
      rules.problems.append("engine \"\(engine)\" is not one of postgresql, mysql, redis")
    }
    rules.checkResources(cpu: cpu, memory: memory, storageGb: storageGb)
    if let storageClass, !DNSSubdomain.isValid(storageClass) {
      rules.problems.append("storageClass \"\(storageClass)\" is not a valid StorageClass name")
    }
    guard rules.problems.isEmpty, let name, let slug, let engine else {
      throw .validation(rules.problems)
    }
    return CreateDatabaseRequest(
      name: name, slug: slug, engine: engine, version: version, cpu: cpu, memory: memory,
      storageGb: storageGb, storageClass: storageClass)
  }

  /// `current` is the database as it is: immutable fields may be repeated, not changed, and
  /// storage only grows.
  static func update(_ fields: [String: JSONValue], current: LocalDatabaseRecord)
    throws(LocalAPIError)
    -> UpdateDatabaseRequest
  {
    var rules = DatabaseFieldRules(fields)
    let name = rules.text("name")
    let cpu = rules.text("cpu")
    let memory = rules.text("memory")
    let storageGb = rules.integer("storageGb")
    let immutable = [
      ("slug", current.slug), ("engine", current.engine.rawValue), ("version", current.version),
      ("storageClass", current.storageClass),
    ]
    for (key, value) in immutable {
      if let given = fields[key], given != .null, given != .string(value) {
        rules.problems.append("\(key) cannot be changed; delete the database and create it again")
      }
    }
    try rules.throwTypeProblems()
    rules.checkName(name)
    rules.checkResources(cpu: cpu, memory: memory, storageGb: storageGb)
    if let storageGb, storageRange.contains(storageGb), storageGb < current.storageGb {
      rules.problems.append(
        "storageGb can only grow: \(current.storageGb) cannot become \(storageGb)")
    }
    guard rules.problems.isEmpty else { throw .validation(rules.problems) }
    return UpdateDatabaseRequest(name: name, cpu: cpu, memory: memory, storageGb: storageGb)
  }

  /// Whether a simulated engine offers `version`.
  static func simulatedOffers(_ version: String, engine: Engine) -> Bool {
    guard let majors = simulatedMajors[engine] else { return false }
    return majors.contains { major in
      version == major
        || (version.hasPrefix(major + ".")
          && version.dropFirst(major.count + 1).split(
            separator: ".", omittingEmptySubsequences: false
          )
          .allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    }
  }

  // MARK: Checks

  private mutating func text(_ key: String, required: Bool = false) -> String? {
    switch fields[key] {
    case .string(let value): return value
    case nil:
      if required { problems.append("\(key) is required") }
      return nil
    case let other?:
      typeProblems.append("\(key) must be a string, not \(other.typeName)")
      return nil
    }
  }

  private mutating func integer(_ key: String) -> Int? {
    switch fields[key] {
    case nil: return nil
    case .number(let number)?:
      guard number.rounded() == number, abs(number) < 1e15 else {
        typeProblems.append("\(key) must be an integer")
        return nil
      }
      return Int(number)
    case let other?:
      typeProblems.append("\(key) must be an integer, not \(other.typeName)")
      return nil
    }
  }

  private func throwTypeProblems() throws(LocalAPIError) {
    guard typeProblems.isEmpty else {
      throw .badRequest(typeProblems.joined(separator: "; "))
    }
  }

  private mutating func checkName(_ name: String?) {
    if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
      problems.append("name must not be empty")
    }
  }

  private mutating func checkResources(cpu: String?, memory: String?, storageGb: Int?) {
    for (field, text) in [("cpu", cpu), ("memory", memory)] {
      guard let text else { continue }
      guard let quantity = try? Quantity(parsing: text) else {
        problems.append(
          "\(field) \"\(text)\" is not a Kubernetes quantity (e.g. 250m, 1, 512Mi, 2Gi)")
        continue
      }
      if !quantity.isPositive { problems.append("\(field) must be greater than zero") }
    }
    if let storageGb, !Self.storageRange.contains(storageGb) {
      problems.append("storageGb must be from 1 to 1024, not \(storageGb)")
    }
  }
}
