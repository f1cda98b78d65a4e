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
  /// The terminal's columns now (it can be resized during an apply); nil when unknown.
  private let width: @Sendable () -> Int?
  /// The terminal's rows now; nil when unknown.
  private let height: @Sendable () -> Int?
  private let renderers: Mutex<Renderers>

  public init(
    style: Style, useColor: Bool = false, width: @escaping @Sendable () -> Int? = { nil },
    height: @escaping @Sendable () -> Int? = { nil },
    write: @escaping @Sendable (String) -> Void
  ) {
    self.style = style
    self.write = write
    self.width = width
    self.height = height
    renderers = Mutex(Renderers(live: LiveProgressRenderer(useColor: useColor)))
  }

  public func observe(_ event: ApplyEvent) {
    // Written under the lock so that concurrent steps cannot interleave their output.
    renderers.withLock { renderers in
      let text: String
      switch style {
      case .live:
        renderers.live.width = width()
        renderers.live.height = height()
        text = renderers.live.render(event)
      case .timestamped: text = renderers.timestamped.lines(for: event).map { $0 + "\n" }.joined()
      }
      if !text.isEmpty { write(text) }
    }
  }

  /// Brings the elapsed times of the live block up to `now` (since apply began); a terminal
  /// calls it every second or so. Timestamped output ignores it.
  public func refresh(at now: Duration) {
    renderers.withLock { renderers in
      renderers.live.width = width()
      renderers.live.height = height()
      let text = style == .live ? renderers.live.refresh(at: now) : ""
      if !text.isEmpty { write(text) }
    }
  }

  /// Runs `say`, which writes to the terminal (a notice on stderr after Ctrl-C), with the
  /// live block erased before and drawn again after, so no stale rows are left above it.
  public func interject(_ say: () -> Void) {
    renderers.withLock { renderers in
      guard style == .live else { return say() }
      let erase = renderers.live.finish()
      if !erase.isEmpty { write(erase) }
      say()
      renderers.live.width = width()
      renderers.live.height = height()
      let redraw = renderers.live.redraw()
      if !redraw.isEmpty { write(redraw) }
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
