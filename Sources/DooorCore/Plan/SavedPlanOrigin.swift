public import Foundation

/// Where and when a saved plan was made (CONTRACT §10). A plan is computed against one API's
/// state by one dooordb: applied against another API it would change databases nobody
/// reviewed, and read by a dooordb of another series it may not mean the same. The checksum
/// covers these fields like the rest of the file.
public struct SavedPlanOrigin: Sendable, Hashable {
  /// The API the plan was computed against: its root URL, or `local:STATE` for `--local`.
  public var apiURL: String
  /// The workspaces the plan compared, sorted.
  public var workspaces: [String]
  /// The dooordb that wrote the plan.
  public var dooordbVersion: String
  /// When the plan was made, to the second.
  public var createdAt: Date

  public init(apiURL: String, workspaces: [String], dooordbVersion: String, createdAt: Date) {
    self.apiURL = apiURL
    self.workspaces = workspaces
    self.dooordbVersion = dooordbVersion
    self.createdAt = Date(
      timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down))
  }

  /// The workspaces a plan covers: every one it compared, and any a change names.
  public static func workspaces(of plan: Plan) -> [String] {
    let compared = plan.resources?.workspaces.map(\.name) ?? []
    return Set(compared + plan.changes.map(\.reference.workspace)).sorted()
  }

  /// `2026-12-01T18:07:51Z`.
  public var createdAtText: String {
    createdAt.formatted(Date.ISO8601FormatStyle())
  }

  static func date(parsing text: String) -> Date? {
    try? Date.ISO8601FormatStyle().parse(text)
  }

  /// The same API, written with or without a trailing slash.
  static func sameAPI(_ first: String, _ second: String) -> Bool {
    func trimmed(_ url: String) -> Substring {
      var url = Substring(url)
      while url.hasSuffix("/") { url = url.dropLast() }
      return url
    }
    return trimmed(first) == trimmed(second)
  }

  /// Versions of one series read each other's saved plans: the same major version, and for
  /// 0.x the same minor, as semantic versioning promises compatibility.
  static func series(of version: String) -> String? {
    let parts =
      version.split(separator: "-", maxSplits: 1).first?
      .split(separator: ".", omittingEmptySubsequences: false) ?? []
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    else { return nil }
    return parts[0] == "0" ? "0.\(parts[1])" : String(parts[0])
  }
}

extension SavedPlan {
  /// Where applying this plan here and now would be wrong, one sentence each (empty when it
  /// may be applied): another API, a dooordb of another series, or older than `maxAge`.
  public func originMismatches(
    apiURL: String, dooordbVersion: String, now: Date, maxAge: Duration?
  ) -> [String] {
    guard let origin else {
      return ["it does not record where it was made (an older dooordb wrote it); make a new plan"]
    }
    var mismatches: [String] = []
    if !SavedPlanOrigin.sameAPI(origin.apiURL, apiURL) {
      mismatches.append(
        "it was made for the API at \(DisplayText.visible(origin.apiURL)), not"
          + " \(DisplayText.visible(apiURL)); make a new plan against this API")
    }
    let series = SavedPlanOrigin.series(of: dooordbVersion)
    if series == nil || SavedPlanOrigin.series(of: origin.dooordbVersion) != series {
      mismatches.append(
        "it was made by dooordb \(DisplayText.visible(origin.dooordbVersion)), which this"
          + " dooordb \(dooordbVersion) cannot apply (only plans of \(series ?? dooordbVersion)"
          + (series?.hasPrefix("0.") == true ? ".x" : ".x.x") + "); make a new plan")
    }
    if let maxAge {
      let age = now.timeIntervalSince(origin.createdAt)
      if Duration.seconds(age) > maxAge {
        mismatches.append(
          "it was made at \(origin.createdAtText), \(DurationText.format(.seconds(Int64(age))))"
            + " ago, which is older than --plan-max-age \(DurationText.format(maxAge));"
            + " make a new plan")
      }
    }
    return mismatches
  }
}
