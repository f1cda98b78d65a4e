import Foundation
import Synchronization

/// A `dooordb` whose stdout is a pseudo-terminal of a given width, as a user's narrow terminal
/// window: it draws live progress, and the test reads exactly what the terminal received.
enum PseudoTerminal {
  struct Result {
    var exitCode: Int32
    /// What the terminal received on stdout (the pty turns each `\n` into `\r\n`).
    var screen: String
    var stderr: String
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func run(
    _ arguments: [String], in directory: URL, columns: UInt16,
    environment: [String: String] = [:]
  ) async throws -> Result {
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    guard master >= 0, C.grantpt(master) == 0, C.unlockpt(master) == 0,
      let name = C.ptsname(master)
    else { throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))") }
    let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
    guard slave >= 0 else { throw Failure(description: "cannot open the pty's terminal side") }
    var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

    let process = Process()
    process.executableURL = DooordbProcess.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var variables = DooordbProcess.environment(adding: environment)
    variables.removeValue(forKey: "COLUMNS")
    process.environment = variables
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    close(slave)
    let watchdog = DispatchWorkItem { [process] in
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    let (screen, stderr) = await offThePool {
      let stderr = Mutex<Data>(Data())
      let stderrRead = DispatchSemaphore(value: 0)
      Thread.detachNewThread {
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        stderr.withLock { $0 = data }
        stderrRead.signal()
      }
      var received = Data()
      var chunk = [UInt8](repeating: 0, count: 16 * 1024)
      while true {
        let count = read(master, &chunk, chunk.count)
        if count < 0 && errno == EINTR { continue }
        // EIO once every holder of the terminal side has closed it: the process ended.
        if count <= 0 { break }
        received.append(contentsOf: chunk[0..<count])
      }
      process.waitUntilExit()
      stderrRead.wait()
      return (
        String(decoding: received, as: UTF8.self),
        String(decoding: stderr.withLock { $0 }, as: UTF8.self)
      )
    }
    watchdog.cancel()
    close(master)
    return Result(exitCode: process.terminationStatus, screen: screen, stderr: stderr)
  }
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
