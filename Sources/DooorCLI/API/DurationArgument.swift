import ArgumentParser
import DooorCore

/// A command-line duration (`500ms`, `2s`, `5m`, `1h`).
struct DurationArgument: ExpressibleByArgument, Sendable {
  var duration: Duration

  init(_ duration: Duration) {
    self.duration = duration
  }

  init?(argument: String) {
    guard let duration = try? DurationText.parse(argument) else { return nil }
    self.duration = duration
  }

  var defaultValueDescription: String { DurationText.format(duration) }
}
