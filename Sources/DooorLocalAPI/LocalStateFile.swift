public import Foundation

/// Reads and writes the local API's state file. A write goes to a temporary file in the same
/// directory, is flushed to disk, then renamed over the old file, so a crash leaves either the
/// old state or the new one, never half of each.
public enum LocalStateFile {
  public static func load(_ url: URL) throws -> LocalAPIState {
    guard FileManager.default.fileExists(atPath: url.path) else { return LocalAPIState() }
    let data = try Data(contentsOf: url)
    return try decoder.decode(LocalAPIState.self, from: data)
  }

  public static func save(_ state: LocalAPIState, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let data = try encoder.encode(state)
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
    )
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { throw StateFileError(path: temporary.path, operation: "create") }
    var closed = false
    defer {
      if !closed { close(descriptor) }
    }
    try data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        guard written > 0 else {
          throw StateFileError(path: temporary.path, operation: "write")
        }
        offset += written
      }
    }
    guard fsync(descriptor) == 0 else {
      throw StateFileError(path: temporary.path, operation: "fsync")
    }
    close(descriptor)
    closed = true
    guard rename(temporary.path, url.path) == 0 else {
      unlink(temporary.path)
      throw StateFileError(path: url.path, operation: "rename")
    }
    // Make the rename itself durable.
    let directoryDescriptor = open(directory.path, O_RDONLY)
    if directoryDescriptor >= 0 {
      fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
  }

  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }()

  private static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }()
}

/// A state file operation that failed.
public struct StateFileError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var operation: String
  public var reason: String

  init(path: String, operation: String) {
    self.path = path
    self.operation = operation
    reason = String(cString: strerror(errno))
  }

  public var description: String {
    "could not \(operation) the local API state file \(path): \(reason)"
  }
}
