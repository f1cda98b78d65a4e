import Foundation
import Synchronization

/// A `dooordb` whose stdout (and, if asked, stderr) is a pseudo-terminal of a given width, as
/// a user's terminal window: it draws live progress, and the test reads exactly what the
/// terminal received. Killed when its test is done with it or past its deadline.
///
/// `@unchecked Sendable`: the `Process` is used by one thread at a time; the received bytes
/// are behind a lock.
final class PseudoTerminal: @unchecked Sendable {
  struct Result {
    var exitCode: Int32
    /// What the terminal received (the pty turns each `\n` into `\r\n`).
    var screen: String
    /// stderr, when it is not on the terminal.
    var stderr: String
    /// stdout, when it is not on the terminal.
    var stdout: String
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let process = Process()
  private let master: Int32
  private let received = ReceivedBytes()
  private let terminalClosed = DispatchSemaphore(value: 0)
  /// stderr's pipe; nil when stderr is on the terminal too.
  private let errors: Pipe?
  /// stdout's pipe; nil when stdout is on the terminal (the default).
  private let output: Pipe?

  init(
    _ arguments: [String], in directory: URL, columns: UInt16,
    environment: [String: String] = [:], stderrOnTerminal: Bool = false,
    stdinOnTerminal: Bool = false, stdoutOnTerminal: Bool = true
  ) throws {
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    guard master >= 0 else {
      throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    guard C.grantpt(master) == 0, C.unlockpt(master) == 0, let name = C.ptsname(master) else {
      close(master)
      throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
    guard slave >= 0 else {
      close(master)
      throw Failure(description: "cannot open the pty's terminal side")
    }
    defer { close(slave) }
    var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

    process.executableURL = DooordbProcess.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var variables = DooordbProcess.environment(adding: environment)
    variables.removeValue(forKey: "COLUMNS")
    process.environment = variables
    let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    process.standardInput = stdinOnTerminal ? terminal : FileHandle.nullDevice
    let output = stdoutOnTerminal ? nil : Pipe()
    self.output = output
    process.standardOutput = output ?? terminal
    let errors = stderrOnTerminal ? nil : Pipe()
    self.errors = errors
    process.standardError = errors ?? terminal
    do {
      try process.run()
    } catch {
      close(master)
      throw error
    }
    let master = master
    let received = received
    let terminalClosed = terminalClosed
    Thread.detachNewThread {
      var chunk = [UInt8](repeating: 0, count: 16 * 1024)
      while true {
        let count = read(master, &chunk, chunk.count)
        if count < 0 && errno == EINTR { continue }
        // EIO once every holder of the terminal side has closed it: the process ended.
        if count <= 0 { break }
        received.data.withLock { $0.append(contentsOf: chunk[0..<count]) }
      }
      received.readerFinished.withLock { $0 = true }
      terminalClosed.signal()
    }
  }

  var screenSoFar: String { received.data.withLock { String(decoding: $0, as: UTF8.self) } }

  func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Types `text` on the terminal's keyboard (with `stdinOnTerminal`).
  func type(_ text: String) {
    _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
  }

  /// Waits until `condition` holds for what the terminal received, or `timeout` passes.
  func waitForScreen(
    within timeout: Duration = .seconds(30), _ condition: @escaping @Sendable (String) -> Bool
  ) async -> Bool {
    await offThePool {
      let deadline = ContinuousClock.now + timeout
      while ContinuousClock.now < deadline {
        if condition(self.screenSoFar) { return true }
        if !self.process.isRunning { return condition(self.screenSoFar) }
        usleep(20_000)
      }
      return false
    }
  }

  /// Waits for the process to end (killing it after `deadline`) and returns what it wrote.
  func wait(deadline: Duration = .seconds(120)) async -> Result {
    await offThePool {
      let seconds = Double(deadline.components.seconds)
      if self.terminalClosed.wait(timeout: .now() + seconds) == .timedOut {
        kill(self.process.processIdentifier, SIGKILL)
        // A grandchild may still hold the terminal: bounded, so the test fails, never hangs.
        _ = self.terminalClosed.wait(timeout: .now() + 10)
      }
      self.process.waitUntilExit()
      let stderr = self.errors?.fileHandleForReading.readDataToEndOfFile() ?? Data()
      let stdout = self.output?.fileHandleForReading.readDataToEndOfFile() ?? Data()
      return Result(
        exitCode: self.process.terminationStatus, screen: self.screenSoFar,
        stderr: String(decoding: stderr, as: UTF8.self),
        stdout: String(decoding: stdout, as: UTF8.self))
    }
  }

  static func run(
    _ arguments: [String], in directory: URL, columns: UInt16,
    environment: [String: String] = [:]
  ) async throws -> Result {
    try await PseudoTerminal(arguments, in: directory, columns: columns, environment: environment)
      .wait()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    // Closed once the reading thread is done with it, so a test running meanwhile cannot get
    // the number back and have its bytes read here; after 10 s it is left open (a leak, no harm).
    let deadline = ContinuousClock.now + .seconds(10)
    while !received.readerFinished.withLock({ $0 }) && ContinuousClock.now < deadline {
      usleep(10_000)
    }
    if received.readerFinished.withLock({ $0 }) { close(master) }
  }
}

/// What the terminal received so far, appended by the reading thread.
private final class ReceivedBytes: Sendable {
  let data = Mutex(Data())
  /// Set by the reading thread when it is done with the terminal, which is closed only then.
  let readerFinished = Mutex(false)
}

/// The C library's pseudo-terminal calls, which Swift's Glibc module does not export (they need
/// _XOPEN_SOURCE), looked up by name.
private enum C {
  typealias OnDescriptor = @convention(c) (Int32) -> Int32
  typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

  static func function<T>(_ name: String, as type: T.Type) -> T {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
      fatalError("the C library has no \(name)")
    }
    return unsafeBitCast(symbol, to: type)
  }

  static let grantpt = function("grantpt", as: OnDescriptor.self)
  static let unlockpt = function("unlockpt", as: OnDescriptor.self)
  static let ptsname = function("ptsname", as: Name.self)
}
