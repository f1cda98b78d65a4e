import Foundation
import Logging

/// One readable line per event on stderr (`--log-format text`), through `CommandOutput` like
/// every other output: `TIME LEVEL LABEL: MESSAGE key=value ...`.
struct TextLogHandler: LogHandler {
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info
  let label: String

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
    let fields = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }
    let time = ISO8601DateFormatter().string(from: Date())
    CommandOutput.standardErrorLine(
      ([time, event.level.rawValue, "\(label): \(event.message)"] + fields)
        .joined(separator: " "))
  }
}
