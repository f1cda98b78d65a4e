import Dispatch
import DooorEngine
import Foundation
import Synchronization

/// The one owner of signal handling: while it lives, the given signals run `handler` instead
/// of ending the process; `finish()` (or the end of its life) gives them back their default
/// action, so a later Ctrl-C ends the process as usual instead of being swallowed.
final class SignalHandling: Sendable {
  private let numbers: [Int32]
  private let sources: Mutex<[any DispatchSourceSignal]>
  /// The signals received, for `firstSignal()`; empty unless made with `init(awaiting:)`.
  private let received: AsyncStream<Int32>

  static let names: [Int32: String] = [
    SIGINT: "Interrupt", SIGTERM: "Terminate signal", SIGHUP: "Hangup signal",
    SIGQUIT: "Quit signal",
  ]

  /// Runs `handler` for each of the signals until finished. A signal ignored when dooordb
  /// started (SIGHUP under `nohup`, SIGINT in a script's background job) stays ignored.
  init(_ numbers: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
    let handled = Self.notIgnored(numbers)
    self.numbers = handled
    received = AsyncStream { $0.finish() }
    sources = Mutex(Self.install(handled, handler: handler))
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

  /// Returns once every source is registered: until libdispatch has installed its handler, an
  /// arriving signal would be dropped (the signal is ignored from the start so its default
  /// action cannot run), so this waits for that (a few milliseconds, bounded) rather than
  /// start work unprotected.
  private static func install(
    _ numbers: [Int32], handler: @escaping @Sendable (Int32) -> Void
  ) -> [any DispatchSourceSignal] {
    let registered = DispatchSemaphore(value: 0)
    let made = numbers.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setRegistrationHandler { registered.signal() }
      source.setEventHandler { handler(number) }
      source.resume()
      return source
    }
    for _ in made { _ = registered.wait(timeout: .now() + 2) }
    return made
  }

  /// Stops handling: each signal's default action is restored. Safe to call more than once.
  func finish() {
    let finished = sources.withLock { sources in
      defer { sources = [] }
      return sources
    }
    guard !finished.isEmpty else { return }
    for source in finished { source.cancel() }
    for number in numbers { signal(number, SIG_DFL) }
  }

  /// Handling that keeps the signals for `firstSignal()`: made before a server starts, so a
  /// signal that comes while it starts is not lost.
  init(awaiting numbers: [Int32]) {
    let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
    let handled = Self.notIgnored(numbers)
    self.numbers = handled
    received = stream
    sources = Mutex(Self.install(handled) { continuation.yield($0) })
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
