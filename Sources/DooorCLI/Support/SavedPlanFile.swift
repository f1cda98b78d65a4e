import DooorAPI
import DooorCore
import Foundation

/// Saved plans on disk: written whole or not at all, read with a clear error.
enum SavedPlanFile {
  static func write(_ plan: SavedPlan, to path: String) throws {
    do {
      try Data(plan.encoded().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CommandFailure("cannot write the plan to \(path): \(error.localizedDescription)")
    }
  }

  /// Where `plan` is being made: this API, its workspaces, this dooordb, now.
  static func origin(of plan: Plan, api: APIOptions) -> SavedPlanOrigin {
    SavedPlanOrigin(
      apiURL: api.savedPlanTarget, workspaces: SavedPlanOrigin.workspaces(of: plan),
      dooordbVersion: DooordbVersion.current, createdAt: Date())
  }

  /// Refuses, before the API is opened, a saved plan made for another API, by a dooordb of
  /// another series, or longer ago than `maxAge`: one line each, naming the file.
  static func checkOrigin(
    of saved: SavedPlan, path: String, api: APIOptions, maxAge: Duration?, now: Date = Date()
  ) throws {
    // The URL is named in the refusals below: one that could hold a secret is refused first.
    if !api.local {
      do {
        try TransportSecurity.check(
          baseURL: api.savedPlanTarget, allowInsecureHTTP: api.insecureHTTP)
      } catch {
        throw CommandFailure(error.description)
      }
    }
    let mismatches = saved.originMismatches(
      apiURL: api.savedPlanTarget, dooordbVersion: DooordbVersion.current, now: now,
      maxAge: maxAge)
    guard mismatches.isEmpty else {
      throw CommandFailure(
        mismatches.map { "the saved plan \(path) cannot be applied here: \($0)" }
          .joined(separator: "\n"))
    }
  }

  static func read(from path: String) throws -> SavedPlan {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure("cannot read the saved plan \(path)")
    }
    do {
      return try SavedPlan(decoding: String(decoding: data, as: UTF8.self))
    } catch {
      throw CommandFailure("\(path) is not a saved plan dooordb can apply: \(error)")
    }
  }
}
