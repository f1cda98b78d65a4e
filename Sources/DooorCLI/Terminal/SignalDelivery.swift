import Foundation
import Synchronization

/// Runs Swift handlers for signals, through a C handler that writes the signal's number into a
/// pipe and a thread of its own that reads it.
///
/// Not libdispatch's signal sources: on Linux they read a signalfd while the main thread does
/// not block the signal, so the kernel may hand it to the main thread's no-op handler first and
/// the source never fires. Seen under load: a SIGTERM or Ctrl-C that `plan` or `apply` noticed
/// only 30 s later, or never.
enum SignalDelivery {
  private struct Registration {
    var token: UInt64
    var handler: @Sendable (Int32) -> Void
  }

  /// The handler of each signal; the latest registration for a signal wins.
  private static let registrations = Mutex<(next: UInt64, bySignal: [Int32: Registration])>(
    (0, [:]))

  /// The pipe's write end, for the C handler, which can capture nothing. Set once, by
  /// `started`, before any handler is installed, and only read after that.
  nonisolated(unsafe) private static var writeEnd: Int32 = -1

  /// Makes the pipe and starts the thread that reads it, once.
  private static let started: Bool = {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    // A handler must never block: with the pipe full (no one reading), a signal is dropped.
    _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
    writeEnd = ends[1]
    let readEnd = ends[0]
    Thread.detachNewThread {
      var byte: UInt8 = 0
      while true {
        let count = read(readEnd, &byte, 1)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { return }
        let number = Int32(byte)
        let registration = registrations.withLock { $0.bySignal[number] }
        registration?.handler(number)
      }
    }
    return true
  }()

  /// Only async-signal-safe calls: write(2), with errno kept for the interrupted code.
  private static let cHandler: @convention(c) (Int32) -> Void = { number in
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(SignalDelivery.writeEnd, &byte, 1)
    errno = saved
  }

  /// Sends `number` to `handler` from now on; the token ends it (`uninstall`). Nil when the
  /// pipe could not be made: the signal then keeps its default action.
  static func install(_ number: Int32, _ handler: @escaping @Sendable (Int32) -> Void)
    -> UInt64?
  {
    guard started else { return nil }
    let token = registrations.withLock { state in
      state.next += 1
      state.bySignal[number] = Registration(token: state.next, handler: handler)
      return state.next
    }
    signal(number, cHandler)
    return token
  }

  /// Gives `number` back its default action, unless a later registration took it over.
  static func uninstall(_ number: Int32, token: UInt64) {
    registrations.withLock { state in
      guard state.bySignal[number]?.token == token else { return }
      state.bySignal[number] = nil
      signal(number, SIG_DFL)
    }
  }
}
