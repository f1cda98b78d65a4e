import Foundation

/// The columns and rows of the terminal behind a descriptor, for live progress to fit its
/// block; asked again at each redraw because a terminal can be resized during an apply.
enum TerminalSize {
  static func columns(of descriptor: Int32) -> Int? {
    if let size = windowSize(of: descriptor), size.ws_col > 0 { return Int(size.ws_col) }
    return positive(ProcessInfo.processInfo.environment["COLUMNS"])
  }

  static func rows(of descriptor: Int32) -> Int? {
    if let size = windowSize(of: descriptor), size.ws_row > 0 { return Int(size.ws_row) }
    return positive(ProcessInfo.processInfo.environment["LINES"])
  }

  private static func windowSize(of descriptor: Int32) -> winsize? {
    var size = winsize()
    #if os(Linux)
      let asked = ioctl(descriptor, UInt(TIOCGWINSZ), &size)
    #else
      let asked = ioctl(descriptor, TIOCGWINSZ, &size)
    #endif
    return asked == 0 ? size : nil
  }

  private static func positive(_ text: String?) -> Int? {
    text.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
  }
}
