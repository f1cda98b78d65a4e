import Foundation
import Logging

/// One JSON object per line on stderr (`--log-format json`): time, level, message and the
/// event's metadata, for log collectors.
struct JSONLogHandler: LogHandler {
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info
  let label: String

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var fields: [String: String] = [
      "time": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue,
      "message": event.message.description, "logger": label,
    ]
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
      fields[key] = value.description
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(fields) else { return }
    CommandOutput.standardErrorLine(String(decoding: data, as: UTF8.self))
  }
}
