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
