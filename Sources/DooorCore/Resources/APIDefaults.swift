/// What the API gives a database for a field a create leaves out (CONTRACT §6). The resource
/// delta and the policies count these for omitted fields, and say that they did.
public enum APIDefaults {
  public static let cpu = try! Quantity(parsing: "250m")
  public static let memory = try! Quantity(parsing: "512Mi")
  public static let storageGb = 10
  public static let storageClass = "standard"

  public static func version(of engine: Engine) -> String? {
    switch engine {
    case .postgresql: "16"
    case .mysql: "8"
    case .redis: "7"
    case .unknown: nil
    }
  }
}
