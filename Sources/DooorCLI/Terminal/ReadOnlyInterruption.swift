import Foundation
import Synchronization

/// Ctrl-C, SIGTERM (a CI cancelling the job) and SIGHUP during a command that only reads
/// (plan, drift, list, get, export): nothing it started needs to finish, so the first signal ends the run
/// at once, as README's exit table says: the failure document its format asks for (json,
/// markdown) saying it was interrupted, `error: interrupted by ...` on stderr, exit 130.
///
/// Once the command has its result and starts printing it (`claimOutput()`), a signal is left
/// to its default action: one document comes out, never two.
final class ReadOnlyInterruption: Sendable {
  static let exitCode: Int32 = 130

  /// Whether the output is taken, by the command's result or by the signal's document. Held
  /// by the handler until the process exits, so the command cannot print after it.
  private final class OutputClaim: Sendable {
    let taken = Mutex(false)
  }

  private let handling: SignalHandling
  private let claim = OutputClaim()

  /// `document` renders the failure document for a message, or gives nil in text format.
  init(document: @escaping @Sendable (String) -> String? = { _ in nil }) {
    let claim = claim
    handling = SignalHandling([SIGINT, SIGTERM, SIGHUP]) { number in
      let message = "interrupted by \(SignalHandling.names[number] ?? "signal \(number)")"
      claim.taken.withLock { taken in
        guard !taken else { return }
        taken = true
        if let text = document(message) { CommandOutput.standardOutput(text) }
        CommandOutput.standardErrorLine("error: " + message)
        exit(Self.exitCode)
      }
    }
  }

  /// Takes the output for the command's own result: waits while a signal's document is being
  /// written (the process then exits), and gives the signals back their default action.
  func claimOutput() {
    claim.taken.withLock { $0 = true }
    handling.finish()
  }

  deinit {
    handling.finish()
  }
}
