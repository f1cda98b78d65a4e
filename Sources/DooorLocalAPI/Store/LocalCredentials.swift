import DooorCore
import Foundation

/// The generated user, password and database name of a new local database, and the defaults
/// the API fills in (CONTRACT §6).
enum LocalCredentials {
  static func username(engine: Engine, slug: String) -> String {
    engine == .redis
      ? "default" : "u_" + String(slug.replacingOccurrences(of: "-", with: "_").prefix(28))
  }

  static func databaseName(engine: Engine, slug: String) -> String {
    engine == .redis ? "0" : slug.replacingOccurrences(of: "-", with: "_")
  }

  /// 24 characters from an alphabet without look-alikes and without anything a shell, a URI,
  /// SQL or a configuration file would need to quote.
  static func password() -> String {
    let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
  }
}

/// Where the local API's defaults differ from nothing in the core: the ports simulated
/// databases claim. The field defaults themselves are the core's `APIDefaults` (CONTRACT §6).
enum LocalAPIDefaults {
  /// The ports simulated databases claim in their connection details.
  static let simulatedPorts: [Engine: Int] = [.postgresql: 5432, .mysql: 3306, .redis: 6379]
}
