import DooorAPI
import DooorCore
import Foundation

/// Saved plans on disk: written whole or not at all, read with a clear error.
enum SavedPlanFile {
  /// Writes `plan` to `path` and returns its checksum, for the reviewer to pin with
  /// `apply --expect-checksum`.
  static func write(_ plan: SavedPlan, to path: String) throws -> String {
    let sealed = plan.sealed()
    try SystemFile.writeAtomically(Data(sealed.text.utf8), to: path, what: "the plan")
    return sealed.checksum
  }

  /// Where `plan` is being made: this API, its workspaces, this dooordb, now.
  static func origin(of plan: Plan, api: APIOptions) -> SavedPlanOrigin {
    SavedPlanOrigin(
      apiURL: api.savedPlanTarget, workspaces: SavedPlanOrigin.workspaces(of: plan),
      dooordbVersion: DooordbVersion.number, createdAt: Date())
  }

  /// Refuses, before the API is opened, a saved plan made for another API, by a dooordb of
  /// another series, or longer ago than `maxAge`: one line each, naming the file.
  static func checkOrigin(
    of saved: SavedPlan, path: String, api: APIOptions, maxAge: Duration?, now: Date = Date()
  ) throws {
    // The URL is named in the refusals below: one that could hold a secret is refused first.
    if !api.local {
      _ = try api.checkedRemoteBaseURL(environment: ProcessInfo.processInfo.environment)
    }
    let mismatches = saved.originMismatches(
      apiURL: api.savedPlanTarget, dooordbVersion: DooordbVersion.number, now: now,
      maxAge: maxAge)
    guard mismatches.isEmpty else {
      throw CommandFailure(
        mismatches.map { "the saved plan \(path) cannot be applied here: \($0)" }
          .joined(separator: "\n"))
    }
  }

  static func read(from path: String, expectedChecksum: String? = nil) throws -> SavedPlan {
    let data = try SystemFile.contents(of: path, what: "the saved plan")
    do {
      return try SavedPlan(
        decoding: String(decoding: data, as: UTF8.self), expectedChecksum: expectedChecksum)
    } catch {
      throw CommandFailure("\(path) is not a saved plan dooordb can apply: \(error)")
    }
  }
}
