import Dispatch
import DooorEngine
import Foundation

/// Ctrl-C during apply: the first asks the run to stop (no new actions or requests; requests in
/// flight finish) and says so; a second exits at once with 130.
final class InterruptHandler {
  private let source: any DispatchSourceSignal

  init(stopping stopSignal: StopSignal) {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      if stopSignal.isRequested {
        CommandOutput.standardError("\nInterrupted again: exiting now.\n")
        exit(130)
      }
      stopSignal.request()
      CommandOutput.standardError(
        "\nInterrupt received: no new changes start; requests in flight finish."
          + " Press Ctrl-C again to exit at once.\n")
    }
    source.resume()
    self.source = source
  }

  deinit {
    source.cancel()
  }
}
