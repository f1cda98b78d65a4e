import Foundation

/// The columns of the terminal behind a descriptor, for live progress to fit its rows; asked
/// again at each redraw because a terminal can be resized during an apply.
enum TerminalWidth {
  static func columns(of descriptor: Int32) -> Int? {
    var size = winsize()
    #if os(Linux)
      let asked = ioctl(descriptor, UInt(TIOCGWINSZ), &size)
    #else
      let asked = ioctl(descriptor, TIOCGWINSZ, &size)
    #endif
    if asked == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap {
      $0 > 0 ? $0 : nil
    }
  }
}
