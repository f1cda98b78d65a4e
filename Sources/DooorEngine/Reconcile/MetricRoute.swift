/// An API request's path as a metric label: the query left out and workspaces and ids replaced
/// by placeholders, so the label's values are few (`/workspaces/{workspace}/databases/{id}`)
/// and carry nothing a request put in its URL.
public enum MetricRoute {
  /// `/workspaces/{workspace}/databases/{id}/status` for any workspace and id; `other` for
  /// a path outside the workspaces' routes.
  public static func template(_ path: String) -> String {
    let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
    var parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard let workspaces = parts.firstIndex(of: "workspaces") else { return "other" }
    parts = Array(parts[workspaces...])
    if parts.count > 1 { parts[1] = "{workspace}" }
    if parts.count > 3 { parts[3] = "{id}" }
    guard parts.count <= 5 else { return "other" }
    return "/" + parts.joined(separator: "/")
  }
}
