import Foundation

/// Decides whether an API URL may be used: the key travels in every request, so it goes only
/// over https (certificates verified by the HTTP client) or over plain http to this machine.
public enum TransportSecurity {
  /// Why an API URL was refused.
  public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
  }

  /// Throws unless `baseURL` is https, or http to a loopback host, or http with
  /// `allowInsecureHTTP` (the user's explicit `--insecure-http`).
  public static func check(baseURL: String, allowInsecureHTTP: Bool) throws(Refusal) {
    guard let components = URLComponents(string: baseURL),
      let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else {
      throw Refusal(description: "the API URL is not a valid http(s) URL with a host")
    }
    // The URL is echoed in errors and recorded in saved plans: it must hold no secret. The key
    // has its own channels (DOOOR_API_KEY, --api-key-file); a query would break the routes.
    if components.user != nil || components.password != nil {
      throw Refusal(
        description:
          "the API URL must not carry a user or password; give the key in DOOOR_API_KEY or "
          + "--api-key-file")
    }
    if components.query != nil || components.fragment != nil {
      throw Refusal(
        description: "the API URL must be the API's root, without a query or fragment")
    }
    switch scheme {
    case "https":
      return
    case "http":
      if isLoopback(host: host) || allowInsecureHTTP { return }
      throw Refusal(
        description:
          "refusing plain http to \(host): the API key would cross the network unencrypted; "
          + "use https://, or pass --insecure-http if you really mean it")
    default:
      throw Refusal(description: "the API URL must use https:// (got \(scheme)://)")
    }
  }

  /// True for `localhost`, 127.0.0.0/8 and `::1` (bracketed or not, IPv4-mapped included):
  /// hosts whose traffic never leaves this machine.
  public static func isLoopback(host: String) -> Bool {
    var name = host.lowercased()
    if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
    if name.hasSuffix(".") { name.removeLast() }
    if name == "localhost" || name.hasSuffix(".localhost") { return true }
    if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
    if name.hasPrefix("::ffff:") { name.removeFirst("::ffff:".count) }
    let octets = name.split(separator: ".", omittingEmptySubsequences: false)
    let values = octets.compactMap { $0.allSatisfy(\.isNumber) ? UInt8($0) : nil }
    return octets.count == 4 && values.count == 4 && values[0] == 127
  }
}
