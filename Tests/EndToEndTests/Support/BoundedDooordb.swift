import Foundation
import Synchronization

/// A `dooordb` run that cannot outlive its test: killed (SIGKILL) when it passes its deadline,
/// which the result reports, so a hang fails the test instead of stalling the suite.
///
/// Its waits block a thread, so the async ones run them on a dispatch queue, off the
/// cooperative pool the in-process tests need. `@unchecked Sendable`: the `Process` is used by
/// one thread at a time, the test's or the waiting queue's.
final class BoundedDooordb: @unchecked Sendable {
  struct Result: Sendable {
    var exitCode: Int32
    /// Whether the process ended by a signal rather than `exit`.
    var endedBySignal: Bool
    var stdout: String
    var stderr: String
    /// Killed because it had not ended by its deadline.
    var killedAtDeadline: Bool
    var elapsed: Duration
  }

  enum Output {
    case captured
    /// A pipe whose reading end is closed before the process starts: every write is EPIPE.
    case closedPipe
    /// Like `| head -1`: the first line is read, then the reading end is closed.
    case firstLineOnly
    /// `/dev/full`: every write fails with ENOSPC, as on a full disk.
    case fullDevice
  }

  private let process: Process
  private let stdout = OutputBuffer()
  private let stderr = OutputBuffer()
  private let ended = DispatchSemaphore(value: 0)
  private let started = ContinuousClock.now

  init(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:],
    stdout stdoutKind: Output = .captured, stderr stderrKind: Output = .captured
  ) throws {
    let process = Process()
    process.executableURL = DooordbProcess.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var variables = ProcessInfo.processInfo.environment.filter {
      !$0.key.hasPrefix("DOOOR_") && $0.key != "NO_COLOR"
    }
    variables.merge(environment) { _, new in new }
    process.environment = variables
    process.standardInput = FileHandle.nullDevice
    self.process = process
    process.standardOutput = try Self.stream(stdoutKind, collecting: stdout)
    process.standardError = try Self.stream(stderrKind, collecting: stderr)
    let ended = ended
    process.terminationHandler = { _ in ended.signal() }
    try process.run()
  }

  /// What one output is written to: /dev/full, or a pipe `pipe` reads.
  private static func stream(_ kind: Output, collecting buffer: OutputBuffer) throws -> Any {
    guard kind == .fullDevice else { return pipe(kind, collecting: buffer) }
    buffer.finish()
    return try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
  }

  /// The pipe for one output, read by a thread of its own with blocking reads (a readability
  /// handler cannot stop itself without deadlocking Foundation on Linux).
  private static func pipe(_ kind: Output, collecting buffer: OutputBuffer) -> Pipe {
    let pipe = Pipe()
    let reader = pipe.fileHandleForReading
    switch kind {
    case .fullDevice:
      preconditionFailure("/dev/full is not a pipe")
    case .closedPipe:
      try? reader.close()
      buffer.finish()
    case .captured, .firstLineOnly:
      let stopAtFirstLine = kind == .firstLineOnly
      Thread.detachNewThread {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
          let count = read(reader.fileDescriptor, &chunk, chunk.count)
          if count < 0 && errno == EINTR { continue }
          if count <= 0 { break }
          buffer.append(Data(chunk[0..<count]))
          if stopAtFirstLine && chunk[0..<count].contains(UInt8(ascii: "\n")) { break }
        }
        try? reader.close()
        buffer.finish()
      }
    }
    return pipe
  }

  var processIdentifier: Int32 { process.processIdentifier }
  var stdoutSoFar: String { stdout.text }
  var stderrSoFar: String { stderr.text }

  func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Blocks (at most 5 s) until stdout's reader has stopped: with `.firstLineOnly`, until it
  /// has closed the pipe. For a scripted server's own thread, never the cooperative pool.
  func blockingWaitForStdoutReaderToStop() { stdout.waitUntilFinished() }

  /// Waits until `condition` holds for what it printed so far on stderr, or `timeout` passes;
  /// whether it held. Polls the collected output (a wait for output, not for time).
  func waitForStderr(
    within timeout: Duration = .seconds(30), _ condition: @escaping @Sendable (String) -> Bool
  ) async -> Bool {
    await offThePool { self.blockingWaitForStderr(within: timeout, condition) }
  }

  /// Waits for the process to end, killing it at `deadline` from its start, but never less
  /// than `leastGrace` from now: a test whose own task was held up (a loaded machine, blocked
  /// threads) before it sent its signal still gives the process time to answer it.
  static let leastGrace = Duration.seconds(10)

  func wait(deadline: Duration = .seconds(45)) async -> Result {
    await offThePool { self.blockingWait(deadline: deadline) }
  }

  private func blockingWaitForStderr(
    within timeout: Duration, _ condition: (String) -> Bool
  ) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if condition(stderrSoFar) { return true }
      if !process.isRunning { return condition(stderrSoFar) }
      usleep(20_000)
    }
    return false
  }

  private func blockingWait(deadline: Duration) -> Result {
    let remaining = max(deadline - (ContinuousClock.now - started), Self.leastGrace)
    let seconds =
      Double(remaining.components.seconds)
      + Double(remaining.components.attoseconds) / 1e18
    var killed = false
    if ended.wait(timeout: .now() + max(seconds, 0)) == .timedOut {
      killed = true
      kill(process.processIdentifier, SIGKILL)
      ended.wait()
    }
    process.waitUntilExit()
    // Let the readers take what the pipes still hold.
    stdout.waitUntilFinished()
    stderr.waitUntilFinished()
    return Result(
      exitCode: process.terminationStatus,
      endedBySignal: process.terminationReason == .uncaughtSignal,
      stdout: stdoutSoFar, stderr: stderrSoFar, killedAtDeadline: killed,
      elapsed: ContinuousClock.now - started)
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }
}

/// Bytes a pipe's reader thread appends while the test reads them from another.
private final class OutputBuffer: Sendable {
  private let data = Mutex(Data())
  private let finished = DispatchSemaphore(value: 0)

  func append(_ chunk: Data) { data.withLock { $0.append(chunk) } }

  var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }

  /// The reader is done: end of file, or it stopped reading on purpose.
  func finish() { finished.signal() }

  /// Waits a little for the reader to finish; a pipe some other process keeps open must not
  /// hold the test.
  func waitUntilFinished() {
    if finished.wait(timeout: .now() + 5) == .success { finished.signal() }
  }
}
