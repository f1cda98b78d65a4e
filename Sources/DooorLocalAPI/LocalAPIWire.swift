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

  static func timestamp(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}

struct LocalListBody: Encodable {
  struct Meta: Encodable {
    var total: Int
    var page: Int
    var limit: Int
    var totalPages: Int
  }

  var data: [LocalDatabaseBody]
  var meta: Meta
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
