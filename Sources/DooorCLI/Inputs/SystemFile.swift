import Foundation

/// Reading and writing the files a user names on the command line (a key file, a saved plan,
/// `--out`), with errors that give the path and the system's reason (`strerror`), never
/// Foundation's "The operation could not be completed".
enum SystemFile {
  /// The whole content of `path`; `what` names it in the error ("the API key file").
  static func contents(of path: String, what: String) throws(CommandFailure) -> Data {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot read \(what) \(path)", errno: errno) }
    defer { close(descriptor) }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw failure("cannot read \(what) \(path)", errno: EISDIR)
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return data }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure("cannot read \(what) \(path)", errno: errno)
      }
      data.append(contentsOf: buffer[..<count])
    }
  }

  /// Writes `data` to `path` whole or not at all: into a new file beside it, then renamed over
  /// it, so a reader never sees half a file and a failure leaves the old one in place.
  static func writeAtomically(_ data: Data, to path: String, what: String) throws(CommandFailure) {
    let context = "cannot write \(what) to \(path)"
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let temporary =
      url.deletingLastPathComponent()
      .appendingPathComponent(
        ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
      )
      .path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT && !FileManager.default.fileExists(atPath: folder) {
        throw CommandFailure(
          "\(context): \(reason(code)) (the folder \(displayed(folder)) does not exist)")
      }
      throw failure(context, errno: code)
    }
    var bytes = data[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        let code = errno
        if code == EINTR { continue }
        close(descriptor)
        unlink(temporary)
        throw failure(context, errno: code)
      }
      bytes = bytes.dropFirst(written)
    }
    if fsync(descriptor) != 0 || close(descriptor) != 0 {
      let code = errno
      unlink(temporary)
      throw failure(context, errno: code)
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw failure(context, errno: code)
    }
  }

  /// The system's text for an `errno` value, e.g. "No such file or directory".
  static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  private static func failure(_ context: String, errno code: Int32) -> CommandFailure {
    CommandFailure("\(context): \(reason(code))")
  }

  /// A folder as the user would have written it: relative paths stay relative.
  private static func displayed(_ folder: String) -> String {
    URL(fileURLWithPath: folder).relativePathForDisplay
  }
}
