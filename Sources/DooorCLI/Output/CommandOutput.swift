import ArgumentParser
import DooorCore
import Foundation
import Synchronization

/// The one place commands write to stdout and stderr (an error that ends a command becomes
/// text and an exit code in `FailureReport`, and is written here too).
///
/// A reader that goes away (`dooordb apply … | head -1`) makes writes fail with EPIPE (SIGPIPE
/// is ignored, see `runDooordb`). That is not a crash and not a reason to drop work in flight:
/// the stream is marked closed, nothing more is written to it, whoever asked is told once (apply
/// stops starting changes, as after Ctrl-C), and the process exits 141 as if SIGPIPE had ended
/// it, the status shells and `set -o pipefail` expect. Any other write failure (a full disk:
/// ENOSPC, EIO) is treated the same way but ends the run with exit 1 and one line on stderr
/// saying why, so `plan --format json > plan.json` on a full disk is not a success.
enum CommandOutput {
  /// The exit status after a reader went away: 128 + SIGPIPE.
  static let readerGoneExitCode: Int32 = 141

  private struct State {
    /// Streams that take no more writes.
    var closed: Set<Int32> = []
    /// Whether a stream was closed because its reader went away (EPIPE), not another failure.
    var readerGone = false
    /// The first other failure: the stream and errno.
    var writeFailure: (descriptor: Int32, code: Int32)?
    var onOutputLost: [@Sendable (String) -> Void] = []
    /// What was lost first, in words: `the reader of stdout went away`.
    var loss: String?
  }

  private static let state = Mutex(State())

  /// While apply draws live progress: how every other write gets past it (the block is erased,
  /// the text written, the block drawn again), so a notice of the local API, a `--verbose`
  /// line or Ctrl-C's notice is neither erased by the next redraw nor leaves stale rows.
  private static let liveProgress = Mutex<(@Sendable (() -> Void) -> Void)?>(nil)

  static func standardOutput(_ text: String) {
    route(text, to: STDOUT_FILENO)
  }

  /// `text` and a line break on stdout.
  static func standardOutputLine(_ text: String) {
    route(text + "\n", to: STDOUT_FILENO)
  }

  static func standardError(_ text: String) {
    route(text, to: STDERR_FILENO)
  }

  /// Routes every write through `interject` while live progress is drawn (nil: no more).
  static func writeAroundLiveProgress(_ interject: (@Sendable (() -> Void) -> Void)?) {
    liveProgress.withLock { $0 = interject }
  }

  /// The live progress's own drawing: straight to the stream, never around itself.
  static func liveProgressDrawing(_ text: String, to descriptor: Int32) {
    emit(text, to: descriptor)
  }

  private static func route(_ text: String, to descriptor: Int32) {
    if let interject = liveProgress.withLock({ $0 }) {
      interject { emit(text, to: descriptor) }
    } else {
      emit(text, to: descriptor)
    }
  }

  /// One line for the user that is not the command's output: a warning, a log line, progress.
  static func standardErrorLine(_ line: String) {
    standardError(line + "\n")
  }

  /// Prints each diagnostic as `FILE:LINE:COL: error: MESSAGE` on stderr and gives the exit
  /// code to throw: 1 when any is an error, 0 when all are warnings.
  static func report(_ diagnostics: [Diagnostic]) -> ExitCode {
    standardError(diagnostics.sorted().map { "\($0)\n" }.joined())
    return diagnostics.contains { $0.severity == .error } ? .failure : .success
  }

  /// Whether stdout's or stderr's reader went away during the run.
  static var readerWentAway: Bool { state.withLock { $0.readerGone } }

  /// Why a write failed other than by the reader leaving, or nil: `cannot write to stdout: No
  /// space left on device`.
  static var writeFailure: String? {
    state.withLock { $0.writeFailure }.map { describe(failure: $0.code, on: $0.descriptor) }
  }

  private static func describe(failure code: Int32, on descriptor: Int32) -> String {
    let stream = descriptor == STDERR_FILENO ? "stderr" : "stdout"
    return code == EPIPE
      ? "the reader of \(stream) went away"
      : "cannot write to \(stream): \(SystemFile.reason(code))"
  }

  /// Whether stderr still takes writes.
  static var standardErrorIsOpen: Bool {
    !state.withLock { $0.closed.contains(STDERR_FILENO) }
  }

  /// Runs `action` once when output is lost, because a reader went away or a write failed
  /// (at once if it already was), with what was lost in words.
  static func whenOutputIsLost(_ action: @escaping @Sendable (String) -> Void) {
    let loss = state.withLock { state in
      state.onOutputLost.append(action)
      return state.loss
    }
    if let loss { action(loss) }
  }

  private static func emit(_ text: String, to descriptor: Int32) {
    guard !state.withLock({ $0.closed.contains(descriptor) }) else { return }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written >= 0 {
        bytes = bytes.dropFirst(written)
      } else if errno != EINTR {
        // EPIPE (the reader went away) or another failure (a full disk): either way this
        // stream takes no more; only EPIPE is the reader leaving.
        streamClosed(descriptor, code: errno)
        return
      }
    }
  }

  private static func streamClosed(_ descriptor: Int32, code: Int32) {
    let loss = describe(failure: code, on: descriptor)
    let actions: [@Sendable (String) -> Void] = state.withLock { state in
      state.closed.insert(descriptor)
      if code == EPIPE {
        state.readerGone = true
      } else if state.writeFailure == nil {
        state.writeFailure = (descriptor, code)
      }
      guard state.loss == nil else { return [] }
      state.loss = loss
      return state.onOutputLost
    }
    for action in actions { action(loss) }
  }
}
