/// A field of a database that a manifest can manage and a plan can change.
/// The raw value is the manifest key and the API's JSON key alike.
public enum DatabaseField: String, Sendable, Hashable, CaseIterable, Comparable {
  case name
  case engine
  case version
  case cpu
  case memory
  case storageGb
  case storageClass

  /// Changing these cannot be done in place: the database is deleted and created again.
  public var forcesReplacement: Bool {
    switch self {
    case .engine, .version, .storageClass: true
    case .name, .cpu, .memory, .storageGb: false
    }
  }

  public static func < (lhs: DatabaseField, rhs: DatabaseField) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
