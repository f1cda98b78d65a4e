import Foundation

/// The HTTP proxy to use for a URL, read from `https_proxy`/`http_proxy`/`no_proxy` (and their
/// upper-case forms) the way curl does. AsyncHTTPClient reads none of them, so this does.
public struct ProxySettings: Sendable, Hashable {
  public var host: String
  public var port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// The proxy for requests to `scheme://host`, or nil when none is set or `no_proxy` covers
  /// the host.
  public static func resolve(scheme: String, host: String, environment: [String: String])
    -> ProxySettings?
  {
    func variable(_ name: String) -> String? {
      let value = environment[name] ?? environment[name.uppercased()]
      return value?.isEmpty == false ? value : nil
    }
    let proxyText =
      scheme.lowercased() == "https"
      ? variable("https_proxy") ?? variable("all_proxy")
      : variable("http_proxy") ?? variable("all_proxy")
    guard let proxyText, let proxy = parse(proxyText) else { return nil }
    if let noProxy = variable("no_proxy"), bypasses(host: host, noProxy: noProxy) { return nil }
    return proxy
  }

  /// `http://proxy:3128`, `proxy:3128` or `proxy` (port 80 for http, 443 for https).
  static func parse(_ text: String) -> ProxySettings? {
    var rest = Substring(text)
    var defaultPort = 80
    if let range = rest.range(of: "://") {
      if rest[..<range.lowerBound].lowercased() == "https" { defaultPort = 443 }
      rest = rest[range.upperBound...]
    }
    if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
    // Credentials in the proxy URL are not supported; drop them rather than log them.
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    guard !rest.isEmpty else { return nil }
    if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
      let host = String(rest[rest.index(after: rest.startIndex)..<close])
      let portText = rest[rest.index(after: close)...].dropFirst()
      return ProxySettings(host: host, port: Int(portText) ?? defaultPort)
    }
    if let colon = rest.lastIndex(of: ":") {
      guard let port = Int(rest[rest.index(after: colon)...]) else { return nil }
      return ProxySettings(host: String(rest[..<colon]), port: port)
    }
    return ProxySettings(host: String(rest), port: defaultPort)
  }

  /// curl's rules: `*` matches everything; an entry matches the host itself and its
  /// subdomains, with or without a leading dot; a `:port` on an entry is ignored.
  static func bypasses(host: String, noProxy: String) -> Bool {
    let host = host.lowercased().trimmingSuffix(".")
    for rawEntry in noProxy.split(separator: ",") {
      var entry = rawEntry.trimmingCharacters(" ").lowercased()
      if entry == "*" { return true }
      if !entry.hasPrefix("["), let colon = entry.lastIndex(of: ":"),
        entry.filter({ $0 == ":" }).count == 1
      {
        entry = String(entry[..<colon])
      }
      entry = entry.trimmingPrefix(".").trimmingSuffix(".")
      if entry.hasPrefix("[") && entry.hasSuffix("]") {
        entry = String(entry.dropFirst().dropLast())
      }
      guard !entry.isEmpty else { continue }
      if host == entry || host.hasSuffix("." + entry) { return true }
    }
    return false
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(_ character: Character) -> String {
    String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
  }

  fileprivate func trimmingPrefix(_ prefix: String) -> String {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : String(self)
  }

  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
  }
}
