import DooorEngine
import Foundation
import Synchronization

/// Shows apply's progress as it happens: a live line per database in flight on a terminal,
/// plain timestamped lines otherwise. Events come from concurrent steps, so drawing is
/// serialized here.
final class ApplyProgressPrinter: ApplyObserver {
  private enum Style {
    case live(LiveProgressRenderer)
    case timestamped(TimestampedProgressRenderer)
  }

  private let style: Mutex<Style>
  private let write: @Sendable (String) -> Void

  init(live: Bool, write: @escaping @Sendable (String) -> Void) {
    style = Mutex(
      live ? .live(LiveProgressRenderer()) : .timestamped(TimestampedProgressRenderer()))
    self.write = write
  }

  func observe(_ event: ApplyEvent) {
    style.withLock { style in
      switch style {
      case .live(var renderer):
        write(renderer.render(event))
        style = .live(renderer)
      case .timestamped(var renderer):
        let lines = renderer.lines(for: event)
        style = .timestamped(renderer)
        if !lines.isEmpty { write(lines.map { $0 + "\n" }.joined()) }
      }
    }
  }

  /// Clears the live block before the summary is printed.
  func finish() {
    style.withLock { style in
      if case .live(var renderer) = style {
        write(renderer.finish())
        style = .live(renderer)
      }
    }
  }
}
