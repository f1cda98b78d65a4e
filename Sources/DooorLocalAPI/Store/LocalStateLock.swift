public import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One owner of a local state at a time (CONTRACT §7): `--local` commands and `local serve`
/// hold this lock (a `flock` on `STATE.lock`) for as long as they serve the state, so two
/// commands in one folder never overwrite each other's databases; the second waits. The
/// lock goes away with its process, however that ends; the file says who holds it.
public final class LocalStateLock: Sendable {
  /// Who holds a lock, as its file says.
  public struct Holder: Codable, Sendable {
    public var pid: Int32
    /// The API it serves, once it does.
    public var url: String?
    /// It serves until stopped (`local serve`), so other commands may use its API instead of
    /// waiting; a `--local` command's API ends with the command. Absent in older lock files.
    public var lasting: Bool?

    /// A `local serve` that still runs: its API can serve another command of the state.
    public var isLiveServer: Bool {
      guard lasting == true, url != nil else { return false }
      return kill(pid, 0) == 0 || errno == EPERM
    }
  }

  /// How a wait for the lock ended.
  public enum Acquisition: Sendable {
    case acquired(LocalStateLock)
    /// The holder serves the state's API until stopped; use it instead.
    case servedBy(Holder)
  }

  /// The lock was held for longer than a command waits.
  public struct WaitedTooLong: Error, Sendable {
    public var holder: Holder?
  }

  private let descriptor: Mutex<Int32?>
  public let lockFile: URL

  private init(descriptor: Int32, lockFile: URL) {
    self.descriptor = Mutex(descriptor)
    self.lockFile = lockFile
  }

  deinit { release() }

  /// Takes the lock of `stateFile`, waiting while another process holds it, as long as it
  /// takes; `waiting` is told who that is, once. Cancelling the task stops the wait.
  public static func acquire(
    stateFile: URL, waiting: @Sendable (Holder?) -> Void = { _ in }
  ) async throws -> LocalStateLock {
    let acquisition = try await acquire(
      stateFile: stateFile, limit: nil, clock: ContinuousClock(), adopt: { _ in false },
      waiting: waiting)
    guard case .acquired(let lock) = acquisition else { preconditionFailure("never adopts") }
    return lock
  }

  /// Takes the lock of `stateFile`, or finds its holder serving the state's API until stopped
  /// (`adopt` decides, e.g. `isLiveServer`); waits at most `limit` (nil: for ever) on `clock`
  /// for either, then throws `WaitedTooLong`. `waiting` is told who holds the lock, once.
  public static func acquire<C: Clock<Duration>>(
    stateFile: URL, limit: Duration?, clock: C, adopt: @Sendable (Holder) -> Bool,
    waiting: @Sendable (Holder?) -> Void = { _ in }
  ) async throws -> Acquisition {
    let deadline = limit.map { clock.now.advanced(by: $0) }
    var told = false
    while true {
      if let lock = try tryAcquire(stateFile: stateFile) { return .acquired(lock) }
      let current = holder(of: stateFile)
      if let current, adopt(current) { return .servedBy(current) }
      if !told {
        waiting(current)
        told = true
      }
      if let deadline, clock.now >= deadline { throw WaitedTooLong(holder: current) }
      try await clock.sleep(for: .milliseconds(100))
    }
  }

  /// Takes the lock if nobody holds it; nil when somebody does.
  public static func tryAcquire(stateFile: URL) throws -> LocalStateLock? {
    let lockFile = lockURL(stateFile)
    try FileManager.default.createDirectory(
      at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    let descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw StateFileError(path: lockFile.path, operation: "open")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      close(descriptor)
      return nil
    }
    let lock = LocalStateLock(descriptor: descriptor, lockFile: lockFile)
    lock.write(Holder(pid: getpid(), url: nil))
    return lock
  }

  /// Who holds the lock of `stateFile`, when somebody says so.
  public static func holder(of stateFile: URL) -> Holder? {
    guard let data = FileManager.default.contents(atPath: lockURL(stateFile).path) else {
      return nil
    }
    return try? JSONDecoder().decode(Holder.self, from: data)
  }

  /// Says which API this holder serves, for commands that wait; `lasting` when it serves
  /// until stopped, so they may use it instead.
  public func publish(url: String, lasting: Bool = false) {
    write(Holder(pid: getpid(), url: url, lasting: lasting ? true : nil))
  }

  public func release() {
    descriptor.withLock { descriptor in
      guard let open = descriptor else { return }
      flock(open, LOCK_UN)
      close(open)
      descriptor = nil
    }
  }

  private func write(_ holder: Holder) {
    guard let data = try? JSONEncoder().encode(holder) else { return }
    descriptor.withLock { descriptor in
      guard let open = descriptor else { return }
      _ = ftruncate(open, 0)
      _ = data.withUnsafeBytes { pwrite(open, $0.baseAddress, $0.count, 0) }
    }
  }

  private static func lockURL(_ stateFile: URL) -> URL {
    stateFile.deletingLastPathComponent().appendingPathComponent(
      stateFile.lastPathComponent + ".lock")
  }
}
