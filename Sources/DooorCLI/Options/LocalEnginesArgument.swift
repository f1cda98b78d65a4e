import ArgumentParser
import DooorLocalAPI
import Foundation

/// `--engines` / `--local-engines`: real, simulated or auto (CONTRACT §7); the default comes
/// from `DOOORDB_LOCAL_ENGINES`, else `auto`.
struct LocalEnginesArgument: ExpressibleByArgument, Sendable {
  var setting: LocalEnginesSetting

  init(_ setting: LocalEnginesSetting) {
    self.setting = setting
  }

  init?(argument: String) {
    guard let setting = LocalEnginesSetting(rawValue: argument) else { return nil }
    self.setting = setting
  }

  static var allValueStrings: [String] { LocalEnginesSetting.allCases.map(\.rawValue) }

  static let environmentVariable = "DOOORDB_LOCAL_ENGINES"

  /// The setting a flag gave, else the environment's, else `auto`.
  static func resolve(_ given: LocalEnginesArgument?) throws -> LocalEnginesSetting {
    if let given { return given.setting }
    guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty else {
      return .auto
    }
    guard let setting = LocalEnginesSetting(rawValue: text) else {
      throw ValidationError(
        "\(environmentVariable)=\(text) is not one of real, simulated, auto")
    }
    return setting
  }
}
