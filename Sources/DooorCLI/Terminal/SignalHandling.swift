import Dispatch
import DooorEngine
import Foundation
import Synchronization

/// The one owner of signal handling: while it lives, the given signals run `handler` instead
/// of ending the process; `finish()` (or the end of its life) gives them back their default
/// action, so a later Ctrl-C ends the process as usual instead of being swallowed.
final class SignalHandling: Sendable {
  /// Each handled signal and its `SignalDelivery` token, until finished.
  private let installed: Mutex<[(number: Int32, token: UInt64)]>
  /// The signals received, for `firstSignal()`; empty unless made with `init(awaiting:)`.
  private let received: AsyncStream<Int32>

  static let names: [Int32: String] = [
    SIGINT: "Interrupt", SIGTERM: "Terminate signal", SIGHUP: "Hangup signal",
    SIGQUIT: "Quit signal",
  ]

  /// Runs `handler` for each of the signals until finished. A signal ignored when dooordb
  /// started (SIGHUP under `nohup`, SIGINT in a script's background job) stays ignored.
  init(_ numbers: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
    received = AsyncStream { $0.finish() }
    installed = Mutex(Self.install(Self.notIgnored(numbers), handler: handler))
  }

  /// The signals whose disposition is not SIG_IGN: the caller of dooordb asked to ignore those.
  private static func notIgnored(_ numbers: [Int32]) -> [Int32] {
    numbers.filter { number in
      var current = sigaction()
      guard sigaction(number, nil, &current) == 0 else { return true }
      return !isIgnored(current)
    }
  }

  private static func isIgnored(_ action: sigaction) -> Bool {
    #if os(Linux)
      let handler = action.__sigaction_handler.sa_handler
    #else
      let handler = action.__sigaction_u.__sa_handler
    #endif
    return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Installed when this returns: a signal that comes after it runs `handler`.
  private static func install(
    _ numbers: [Int32], handler: @escaping @Sendable (Int32) -> Void
  ) -> [(number: Int32, token: UInt64)] {
    numbers.compactMap { number in
      SignalDelivery.install(number, handler).map { (number, $0) }
    }
  }

  /// Stops handling: each signal's default action is restored. Safe to call more than once.
  func finish() {
    let finished = installed.withLock { installed in
      defer { installed = [] }
      return installed
    }
    for (number, token) in finished { SignalDelivery.uninstall(number, token: token) }
  }

  /// Handling that keeps the signals for `firstSignal()`: made before a server starts, so a
  /// signal that comes while it starts is not lost.
  init(awaiting numbers: [Int32]) {
    let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
    received = stream
    installed = Mutex(Self.install(Self.notIgnored(numbers)) { continuation.yield($0) })
  }

  /// Waits for the first of the signals, then finishes: the caller shuts down cleanly (and
  /// says so, in its own format), and a second signal during that shutdown ends the process.
  func firstSignal() async -> Int32 {
    var iterator = received.makeAsyncIterator()
    let number = await iterator.next() ?? SIGINT
    finish()
    return number
  }

  deinit {
    finish()
  }
}

/// Ctrl-C, SIGTERM (a CI cancelling the job) and SIGHUP (the terminal closed) during apply: the
/// first asks the run to stop (no new actions or requests; requests in flight finish, the
/// summary or json document is still printed, exit 130) and says so; a second exits at once
/// with 128 + its number. A reader of the output going away stops the run the same way.
final class InterruptHandler: Sendable {
  private let handling: SignalHandling

  /// On stderr, through live progress when it is drawn (see `CommandOutput`).
  private static func notify(_ text: String) {
    CommandOutput.standardError(text)
  }

  /// Whether apply is asking for `yes`: nothing has changed yet, so a signal cancels outright.
  private static let asking = Mutex(false)
  /// Whether apply has begun sending changes. Before, while it reads manifests, waits for the
  /// local state's lock or plans, nothing has changed either, and a signal ends it at once
  /// (exit 130) rather than letting it plan on with "no new changes start".
  private static let changing = Mutex(false)

  /// Called as the first change is about to be sent.
  static func changesBegin() {
    changing.withLock { $0 = true }
  }

  /// Runs `body` (apply's question) so that a signal during it cancels the apply at once.
  static func cancellingOutright<Value>(_ body: () throws -> Value) rethrows -> Value {
    asking.withLock { $0 = true }
    defer { asking.withLock { $0 = false } }
    return try body()
  }

  init(stopping stopSignal: StopSignal) {
    handling = SignalHandling([SIGINT, SIGTERM, SIGHUP]) { number in
      let name = SignalHandling.names[number] ?? "Signal \(number)"
      if Self.asking.withLock({ $0 }) {
        Self.notify("\n\(name) received: apply cancelled; nothing was changed.\n")
        exit(128 + number)
      }
      if !Self.changing.withLock({ $0 }) {
        Self.notify("\n\(name) received: apply stopped before any change; nothing was changed.\n")
        exit(130)
      }
      if stopSignal.isRequested {
        Self.notify("\n\(name) received again: exiting now.\n")
        exit(128 + number)
      }
      // Said before the stop is requested: the run may end, and the process exit, as soon
      // as it is.
      Self.notify(
        "\n\(name) received: no new changes start; requests in flight finish."
          + (number == SIGINT
            ? " Press Ctrl-C again to exit at once.\n" : " Send it again to exit at once.\n"))
      stopSignal.request()
    }
    CommandOutput.whenOutputIsLost { loss in
      // Straight to stderr, not around live progress: the failed write may have been made
      // from inside that progress's drawing. Goes nowhere if stderr is what was lost.
      CommandOutput.liveProgressDrawing(
        "\n\(loss): no new changes start; requests in flight finish.\n", to: STDERR_FILENO)
      stopSignal.request()
    }
  }
}

/// SIGQUIT ends the process at once with 131 and one line, instead of the Swift runtime's crash
/// report (which it would print for SIGQUIT as for a real crash).
final class QuitHandler: Sendable {
  private let handling = SignalHandling([SIGQUIT]) { _ in
    CommandOutput.standardError("\nQuit signal received: exiting now.\n")
    exit(128 + SIGQUIT)
  }
}
