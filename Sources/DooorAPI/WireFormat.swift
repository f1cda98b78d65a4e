import DooorCore

extension RemoteDatabase {
  /// What a user should hear about values this build does not understand.
  var unknownValueWarnings: [String] {
    var warnings: [String] = []
    if !engine.isKnown {
      warnings.append(
        "database \(slug) (\(id)) has an engine this dooordb does not know: \(engine.rawValue)")
    }
    if !status.isKnown {
      warnings.append(
        "database \(slug) (\(id)) has a status this dooordb does not know: \(status.rawValue)")
    }
    return warnings
  }
}

/// One page of `GET /workspaces/{ws}/databases`.
struct WireDatabasePage: Decodable {
  struct Meta: Decodable {
    var total: Int?
    var page: Int?
    var limit: Int?
    var totalPages: Int?
  }

  var data: [RemoteDatabase]
  var meta: Meta?
}

/// The error body every failing answer should carry: `{"error": {"code", "message"}}`.
struct WireErrorBody: Decodable {
  struct Detail: Decodable {
    var code: String?
    var message: String?
  }

  var error: Detail
}
