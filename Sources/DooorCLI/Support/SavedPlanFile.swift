import DooorCore
import Foundation

/// Saved plans on disk: written whole or not at all, read with a clear error.
enum SavedPlanFile {
  static func write(_ plan: SavedPlan, to path: String) throws {
    try SystemFile.writeAtomically(Data(plan.encoded().utf8), to: path, what: "the plan")
  }

  static func read(from path: String) throws -> SavedPlan {
    let data = try SystemFile.contents(of: path, what: "the saved plan")
    do {
      return try SavedPlan(decoding: String(decoding: data, as: UTF8.self))
    } catch {
      throw CommandFailure("\(path) is not a saved plan dooordb can apply: \(error)")
    }
  }
}
