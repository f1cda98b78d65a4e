import ArgumentParser
import Foundation

/// How many real servers `--local` may run: `DOOORDB_LOCAL_MAX_ENGINES`, else 32, the same
/// default and rule as `local serve --max-engines` (CONTRACT §7).
enum LocalMaxEngines {
  static let environmentVariable = "DOOORDB_LOCAL_MAX_ENGINES"
  static let defaultValue = 32

  /// The environment's limit, else the default; a value that is not a whole number of 0 or
  /// more is a usage error naming the variable.
  static func resolve(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Int {
    guard let text = environment[environmentVariable], !text.isEmpty else { return defaultValue }
    guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
      throw ValidationError(
        "\(environmentVariable)=\(text) is not a number of real servers (0 or more)")
    }
    return value
  }
}
