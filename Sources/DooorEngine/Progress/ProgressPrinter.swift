import Synchronization

/// An observer that renders each event (live lines on a terminal, timestamped lines otherwise)
/// and hands the text to `write`, in event order. The CLI passes a closure that writes to the
/// terminal; the renderers stay free of I/O.
public final class ProgressPrinter: ApplyObserver {
  public enum Style: Sendable, Hashable {
    /// One line per database in flight, redrawn in place (ANSI); for an interactive terminal.
    case live
    /// Plain lines stamped with the time since apply began; for logs and pipes.
    case timestamped
  }

  private struct Renderers: Sendable {
    var live = LiveProgressRenderer()
    var timestamped = TimestampedProgressRenderer()
  }

  private let style: Style
  private let write: @Sendable (String) -> Void
  private let renderers = Mutex(Renderers())

  public init(style: Style, write: @escaping @Sendable (String) -> Void) {
    self.style = style
    self.write = write
  }

  public func observe(_ event: ApplyEvent) {
    // Written under the lock so that concurrent steps cannot interleave their output.
    renderers.withLock { renderers in
      let text: String
      switch style {
      case .live: text = renderers.live.render(event)
      case .timestamped: text = renderers.timestamped.lines(for: event).map { $0 + "\n" }.joined()
      }
      if !text.isEmpty { write(text) }
    }
  }

  /// Brings the elapsed times of the live block up to `now` (since apply began); a terminal
  /// calls it every second or so. Timestamped output ignores it.
  public func refresh(at now: Duration) {
    renderers.withLock { renderers in
      let text = style == .live ? renderers.live.refresh(at: now) : ""
      if !text.isEmpty { write(text) }
    }
  }

  /// Clears the live block; call before printing the summary.
  public func finish() {
    renderers.withLock { renderers in
      let text = style == .live ? renderers.live.finish() : ""
      if !text.isEmpty { write(text) }
    }
  }
}
