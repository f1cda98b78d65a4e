import Dispatch
import DooorEngine
import Foundation

/// Ctrl-C, SIGTERM (a CI cancelling the job) and SIGHUP (the terminal closed) during apply: the
/// first asks the run to stop (no new actions or requests; requests in flight finish, the
/// summary or json document is still printed, exit 130) and says so; a second exits at once
/// with 128 + its number. A reader of the output going away stops the run the same way.
final class InterruptHandler {
  private let sources: [any DispatchSourceSignal]

  static let handledSignals: [(number: Int32, name: String)] = [
    (SIGINT, "Interrupt"), (SIGTERM, "Terminate signal"), (SIGHUP, "Hangup signal"),
  ]

  init(stopping stopSignal: StopSignal) {
    sources = Self.handledSignals.map { number, name in
      signalSource(number) {
        if stopSignal.isRequested {
          CommandOutput.standardError("\n\(name) received again: exiting now.\n")
          exit(128 + number)
        }
        // Said before the stop is requested: the run may end, and the process exit, as soon
        // as it is.
        CommandOutput.standardError(
          "\n\(name) received: no new changes start; requests in flight finish."
            + " Press Ctrl-C again to exit at once.\n")
        stopSignal.request()
      }
    }
    CommandOutput.whenReaderGoes { stopSignal.request() }
  }

  deinit {
    for source in sources { source.cancel() }
  }
}

/// SIGQUIT ends the process at once with 131 and one line, instead of the Swift runtime's crash
/// report (which it would print for SIGQUIT as for a real crash).
final class QuitHandler {
  private let source: any DispatchSourceSignal

  init() {
    source = signalSource(SIGQUIT) {
      CommandOutput.standardError("\nQuit signal received: exiting now.\n")
      exit(128 + SIGQUIT)
    }
  }

  deinit {
    source.cancel()
  }
}

/// A dispatch source for `number`, returned once it is registered. The signal is ignored from
/// here on so its default action (ending the process) cannot run; until libdispatch has
/// registered the source and installed its own handler, an arriving signal would be dropped,
/// so this waits for that (a few milliseconds, bounded) rather than start work unprotected.
private func signalSource(
  _ number: Int32, handler: @escaping @Sendable () -> Void
) -> any DispatchSourceSignal {
  signal(number, SIG_IGN)
  let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
  let registered = DispatchSemaphore(value: 0)
  source.setRegistrationHandler { registered.signal() }
  source.setEventHandler(handler: handler)
  source.resume()
  _ = registered.wait(timeout: .now() + 2)
  return source
}
