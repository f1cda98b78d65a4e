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
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        if stopSignal.isRequested {
          CommandOutput.standardError("\n\(name) received again: exiting now.\n")
          exit(128 + number)
        }
        stopSignal.request()
        CommandOutput.standardError(
          "\n\(name) received: no new changes start; requests in flight finish."
            + " Press Ctrl-C again to exit at once.\n")
      }
      source.resume()
      return source
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
    signal(SIGQUIT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGQUIT, queue: .global())
    source.setEventHandler {
      CommandOutput.standardError("\nQuit signal received: exiting now.\n")
      exit(128 + SIGQUIT)
    }
    source.resume()
    self.source = source
  }

  deinit {
    source.cancel()
  }
}
