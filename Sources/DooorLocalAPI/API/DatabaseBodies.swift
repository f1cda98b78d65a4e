import DooorCore
import Foundation
import Hummingbird

/// A database as the local API writes it: the wire form the client reads
/// (`RemoteDatabase`), with its `statusMessage` (not in the reference) saying why a database
/// is in `error`. Which optional fields are present depends on the endpoint, as in the API
/// reference: list items have no `storageClass`, an update's answer no
/// `storageClass`/`createdAt`, a create's answer no `updatedAt`.
struct DatabaseBody: ResponseEncodable, Sendable {
  enum Shape {
    case listItem, created, full, updated
  }

  var database: RemoteDatabase

  init(_ record: LocalDatabaseRecord, status: DatabaseStatus, shape: Shape) {
    let hasStorageClass = shape == .created || shape == .full
    database = RemoteDatabase(
      id: record.id, slug: record.slug, name: record.name, engine: record.engine,
      version: record.version, status: status, cpu: record.cpu, memory: record.memory,
      storageGb: record.storageGb, storageClass: hasStorageClass ? record.storageClass : nil,
      createdAt: shape == .updated ? nil : Self.timestamp(record.createdAt),
      updatedAt: shape == .full || shape == .updated ? Self.timestamp(record.updatedAt) : nil,
      statusMessage: status == .error ? record.statusMessage : nil)
  }

  func encode(to encoder: any Encoder) throws {
    try database.encode(to: encoder)
  }

  /// `2025-04-10T09:00:00Z`, built by hand: Foundation's formatters are slow enough on Linux
  /// to dominate a page of 100 databases.
  static func timestamp(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }
}

/// `{"data": [...], "meta": {...}}`: one page of a list.
struct DatabasePage: ResponseEncodable, Sendable {
  struct Meta: Encodable, Sendable {
    var total: Int
    var page: Int
    var limit: Int
    var totalPages: Int
  }

  var data: [DatabaseBody]
  var meta: Meta
}

/// The replica readiness of `/status`.
struct ReplicaStatusBody: ResponseEncodable, Sendable {
  var ready: Int
  var desired: Int

  init(_ status: DatabaseStatus) {
    switch status {
    case .ready: (ready, desired) = (1, 1)
    // Being torn down: the replica still runs, none is wanted.
    case .deleting: (ready, desired) = (1, 0)
    default: (ready, desired) = (0, 1)
    }
  }
}

/// `/connection`: where a database listens and its generated credentials.
struct ConnectionBody: ResponseEncodable, Sendable {
  var uri: String
  var username: String
  var password: String
  var host: String
  var port: Int

  init(_ record: LocalDatabaseRecord) {
    if record.mode == .real {
      // Before its first start has a port, a real database has no address yet.
      host = "127.0.0.1"
      port = record.server?.port ?? 0
    } else {
      host = "\(record.slug).\(Self.hostLabel(record.workspace)).db.dooor.local"
      port = LocalAPIDefaults.simulatedPorts[record.engine] ?? 5432
    }
    username = record.username
    password = record.password
    uri =
      "\(record.engine.rawValue)://\(username):\(password)@\(host):\(port)/\(record.databaseName)"
  }

  private static func hostLabel(_ workspace: String) -> String {
    let label = workspace.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
    return String(label.prefix(63))
  }
}
