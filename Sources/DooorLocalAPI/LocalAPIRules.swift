import DooorCore

/// The rules of CONTRACT §6 the local API enforces, and the defaults it fills in.
enum LocalAPIRules {
  static let engines = ["postgresql", "mysql", "redis"]
  static let statuses = ["provisioning", "ready", "updating", "error", "deleting"]
  static let storageRange = 1...1024
  static let maxPageSize = 100
  /// Bounds `page` so page × limit cannot overflow.
  static let maxPage = 1_000_000
  static let defaultPageSize = 20
  static let defaultCPU = "250m"
  static let defaultMemory = "512Mi"
  static let defaultStorageGb = 10
  static let defaultStorageClass = "standard"

  /// The latest stable version per engine, used when a create names none.
  static let defaultVersions = ["postgresql": "16", "mysql": "8", "redis": "7"]
  /// Major versions offered per engine; a minor (`16.4`, `8.0`) of one of them is accepted too.
  static let supportedMajors = [
    "postgresql": ["13", "14", "15", "16", "17"],
    "mysql": ["5.7", "8"],
    "redis": ["6", "7"],
  ]

  static let ports = ["postgresql": 5432, "mysql": 3306, "redis": 6379]

  static func isSupported(version: String, engine: String) -> Bool {
    guard let majors = supportedMajors[engine] else { return false }
    return majors.contains { major in
      version == major
        || (version.hasPrefix(major + ".")
          && version.dropFirst(major.count + 1).split(separator: ".")
            .allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
          && !version.hasSuffix("."))
    }
  }

  /// Nil when `text` is a positive Kubernetes quantity, else why not.
  static func quantityProblem(_ text: String, field: String) -> String? {
    guard let quantity = try? Quantity(parsing: text) else {
      return "\(field) \"\(text)\" is not a Kubernetes quantity (e.g. 250m, 1, 512Mi, 2Gi)"
    }
    return quantity.isPositive ? nil : "\(field) must be greater than zero"
  }
}
