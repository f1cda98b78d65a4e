import ArgumentParser
import DooorCore

/// A command-line duration (`500ms`, `2s`, `5m`, `1h`).
///
/// Options declare it with `transform: DurationArgument.parse` rather than relying on
/// `ExpressibleByArgument` alone: a failable initializer can only say "invalid", while the
/// thrown error says why (`--timeout 5` needs a unit).
struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
  var duration: Duration

  init(_ duration: Duration) {
    self.duration = duration
  }

  init?(argument: String) {
    guard let duration = try? DurationText.parse(argument) else { return nil }
    self.duration = duration
  }

  /// Reads `text`, throwing the reason it is not a duration.
  @Sendable static func parse(_ text: String) throws -> DurationArgument {
    DurationArgument(try DurationText.parse(text))
  }

  var defaultValueDescription: String { DurationText.format(duration) }

  var description: String { DurationText.format(duration) }
}
