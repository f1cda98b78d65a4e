public import Foundation

/// Reads and writes the local API's state file. A write goes to a temporary file in the same
/// directory, is flushed to disk, then renamed over the old file, so a crash leaves either the
/// old state or the new one, never half of each.
public enum LocalStateFile {
  /// The state in `url`, or an empty one when there is no file. A file this build cannot
  /// read (corrupt, or written by a newer dooordb) is refused, never overwritten.
  public static func load(_ url: URL) throws -> LocalAPIState {
    guard FileManager.default.fileExists(atPath: url.path) else { return LocalAPIState() }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw LocalStateUnreadable(path: url.path, reason: "it cannot be read")
    }
    struct Version: Decodable { var formatVersion: Int? }
    guard let version = try? decoder.decode(Version.self, from: data) else {
      throw LocalStateUnreadable(path: url.path, reason: "it is not a JSON object")
    }
    if let format = version.formatVersion, format > LocalAPIState.currentFormatVersion {
      throw LocalStateUnreadable(
        path: url.path,
        reason: "it was written by a newer dooordb (format \(format); this one reads up to "
          + "\(LocalAPIState.currentFormatVersion))")
    }
    do {
      var state = try decoder.decode(LocalAPIState.self, from: data)
      state.formatVersion = LocalAPIState.currentFormatVersion
      return state
    } catch {
      throw LocalStateUnreadable(path: url.path, reason: "it is corrupt (\(Self.describe(error)))")
    }
  }

  /// Where in the file decoding failed, without quoting the file (it holds passwords).
  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "\(path(context.codingPath + [key])) is missing"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "\(path(context.codingPath)) has the wrong type"
    case DecodingError.dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "not valid JSON" : "\(path(context.codingPath)) is invalid"
    default:
      return "unreadable"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
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

/// A state file that exists but cannot be used.
public struct LocalStateUnreadable: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String {
    "the local API state file \(path) cannot be used: \(reason); move it away to start afresh"
  }
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
