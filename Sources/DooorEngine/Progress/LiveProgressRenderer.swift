import DooorCore

/// Progress for an interactive terminal: one line per database in flight (action, state,
/// elapsed), redrawn in place with ANSI escapes; finished databases scroll up as plain lines,
/// done in green and failed in red when `useColor`.
///
/// Each live row is cut to the terminal's `width`, and the block to its `height`: a row that
/// wrapped, or a block taller than the screen, would leave stale rows behind, because the redraw
/// moves the cursor up one line per row drawn and cannot move above the screen.
public struct LiveProgressRenderer: Sendable {
  private struct Line: Sendable {
    var reference: DatabaseReference
    var action: ApplyAction
    var state: String
    var elapsed: Duration
    /// When its step started, since apply began: elapsed times are counted from here.
    var startedAt: Duration
  }

  private var inFlight: [Line] = []
  private var latest = Duration.zero
  private var drawnLineCount = 0
  private var finishedLines = TimestampedProgressRenderer()
  /// The terminal's columns, nil when unknown (rows are then not cut).
  public var width: Int?
  /// The terminal's rows, nil when unknown (the block is then not cut).
  public var height: Int?
  public var useColor: Bool

  public init(width: Int? = nil, useColor: Bool = false) {
    self.width = width
    self.useColor = useColor
  }

  /// The text to write to the terminal for `event`: erases the live block, prints what finished,
  /// draws the live block again.
  public mutating func render(_ event: ApplyEvent) -> String {
    var permanent: [String] = []
    latest = max(latest, event.at)
    switch event.kind {
    case .started:
      inFlight.append(
        Line(
          reference: event.reference, action: event.action, state: "starting", elapsed: .zero,
          startedAt: event.at))
    case .waiting(let state, _):
      if let index = inFlight.firstIndex(where: { $0.reference == event.reference }) {
        inFlight[index].state = state
      }
    case .done, .failed, .skipped, .interrupted:
      inFlight.removeAll { $0.reference == event.reference }
      permanent = finishedLines.lines(for: event).map { colored($0, for: event.kind) }
    }
    return erase() + permanent.map { $0 + "\n" }.joined() + draw()
  }

  /// Redraws the live block with elapsed times as of `now` (since apply began), for a timer
  /// to call between events; nothing when no database is in flight.
  public mutating func refresh(at now: Duration) -> String {
    guard !inFlight.isEmpty else { return "" }
    latest = max(latest, now)
    return erase() + draw()
  }

  /// Erases the live block, before the summary is printed, or before other text is written
  /// to the terminal (then `redraw()` puts it back below that text).
  public mutating func finish() -> String { erase() }

  /// Draws the live block again after `finish()`; nothing when no database is in flight.
  public mutating func redraw() -> String {
    guard drawnLineCount == 0, !inFlight.isEmpty else { return "" }
    return draw()
  }

  /// The live rows as `width` columns show them: each cut to fit, so each is one line.
  public static func fitted(_ rows: [String], width: Int?) -> [String] {
    // One column spare: a row that fills the last column leaves some terminals about to wrap.
    guard let width, width > 1 else { return rows }
    let room = width - 1
    return rows.map { $0.count <= room ? $0 : String($0.prefix(room - 1)) + "…" }
  }

  private func colored(_ line: String, for kind: ApplyEvent.Kind) -> String {
    switch kind {
    case .done: return TerminalStyle.green.paint(line, useColor: useColor)
    case .failed: return TerminalStyle.red.paint(line, useColor: useColor)
    default: return line
    }
  }

  private mutating func erase() -> String {
    defer { drawnLineCount = 0 }
    guard drawnLineCount > 0 else { return "" }
    // Cursor up to the block's first line, then clear to the end of the screen.
    return "\u{1B}[\(drawnLineCount)A\u{1B}[J"
  }

  private mutating func draw() -> String {
    for index in inFlight.indices {
      inFlight[index].elapsed = latest - inFlight[index].startedAt
    }
    // Room for the block: the screen less a line for the cursor and one for what scrolls up.
    let room = height.map { max(2, $0 - 2) } ?? inFlight.count
    let shown = inFlight.count <= room ? inFlight[...] : inFlight.prefix(room - 1)
    let nameWidth = shown.map { "\($0.reference)".count }.max() ?? 0
    var rows = shown.map { line in
      let name = "\(line.reference)"
      let padding = String(repeating: " ", count: nameWidth - name.count)
      let action = line.action.rawValue.padding(toLength: 7)
      return "  \(action) \(name)\(padding)  \(line.state)  \(ElapsedText.format(line.elapsed))"
    }
    if shown.count < inFlight.count {
      rows.append("  … and \(inFlight.count - shown.count) more in flight")
    }
    drawnLineCount = rows.count
    return Self.fitted(rows, width: width).map { $0 + "\n" }.joined()
  }
}

extension String {
  func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}
