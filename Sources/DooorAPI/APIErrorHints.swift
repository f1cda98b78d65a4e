/// What a user can do about a failed request, by what went wrong.
enum APIErrorHints {
  static func hint(forStatus status: Int) -> String {
    switch status {
    case 400: "the API could not read the request; this is likely a dooordb bug or an API change"
    case 401, 403:
      "check the API key in DOOOR_API_KEY or --api-key-file, and that it may use this workspace"
    case 404: "check the workspace name and that the database still exists"
    case 409: "a database with this slug already exists in the workspace, or it is busy"
    case 422: "the API rejected a value; storage can only grow, and cpu/memory must be quantities"
    case 429: "the API is rate limiting; wait a moment or lower --parallelism"
    case 500...599: "the API is failing; retry later"
    default: "unexpected answer from the API"
    }
  }

  static let transport =
    "check --api-url (or DOOOR_API_URL), the network, and https_proxy/no_proxy"
  static let timeout = "the API did not answer in time; retry later"
  static let tls =
    "check --api-url (or DOOOR_API_URL); dooordb only talks to servers whose certificate this "
    + "machine trusts"
  static let decoding = "the API's answer has an unexpected shape; a newer dooordb may read it"
  /// A 404 on the list route: the URL most likely lacks the API's `/api/v1` root.
  static func listRouteNotFound(baseURL: String) -> String {
    baseURL.hasSuffix("/api/v1")
      ? "check the workspace name; if it is right, check that --api-url is the API's root"
      : "the API URL \(baseURL) does not end in /api/v1, where the API's routes are; "
        + "check --api-url (or DOOOR_API_URL), e.g. \(HTTPDatabaseAPIConfiguration.defaultBaseURL)"
  }

  static let noTimeToRetry = "not tried again: the deadline comes first"

  static let mayHaveTakenEffect =
    "the create may have been carried out; dooordb checks by slug before trying again"
}
