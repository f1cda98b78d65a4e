import Foundation

/// A database as the local API writes it. Which optional fields are present depends on the
/// endpoint, as in the API reference: list items have no `storageClass`, an update's answer no
/// `storageClass`/`createdAt`, a create's answer no `updatedAt`.
struct LocalDatabaseBody: Encodable {
  enum Shape {
    case listItem, created, full, updated
  }

  var id: String
  var name: String
  var slug: String
  var engine: String
  var version: String
  var status: String
  var cpu: String
  var memory: String
  var storageGb: Int
  var storageClass: String?
  var createdAt: String?
  var updatedAt: String?

  init(_ record: LocalDatabaseRecord, status: String, shape: Shape) {
    id = record.id
    name = record.name
    slug = record.slug
    engine = record.engine
    version = record.version
    self.status = status
    cpu = record.cpu
    memory = record.memory
    storageGb = record.storageGb
    let hasStorageClass = shape == .created || shape == .full
    storageClass = hasStorageClass ? record.storageClass : nil
    createdAt = shape == .updated ? nil : Self.timestamp(record.createdAt)
    updatedAt = shape == .full || shape == .updated ? Self.timestamp(record.updatedAt) : nil
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

/// The `meta` of a list page: `{"data": [...], "meta": ...}`, whose items come from
/// `LocalListItemCache`.
struct LocalListMeta: Encodable {
  var total: Int
  var page: Int
  var limit: Int
  var totalPages: Int
}

struct LocalStatusBody: Encodable {
  var ready: Int
  var desired: Int
}

struct LocalConnectionBody: Encodable {
  var uri: String
  var username: String
  var password: String
  var host: String
  var port: Int
}

struct LocalErrorBody: Encodable {
  struct Detail: Encodable {
    var code: String
    var message: String
  }

  var error: Detail
}
