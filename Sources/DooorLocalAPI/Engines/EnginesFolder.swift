import DooorCore
import Foundation

/// Where a state's engine servers keep their data: beside the state file, in `engines`.
///
/// As root the servers run as the engines' own users, who cannot pass through a mode-700
/// folder such as /root, where containers and CI jobs often keep the project. There the data
/// lives under /var/lib/dooordb instead, in a folder named after the state's folder, and
/// `engines` beside the state links to it, so the data and logs are still found beside it.
enum EnginesFolder {
  static let relocationRoot = URL(fileURLWithPath: "/var/lib/dooordb", isDirectory: true)

  /// The folder the servers of `stateFile` use. Only a link to this state's own folder under
  /// /var/lib/dooordb is followed: `local reset` deletes what this returns, and must never
  /// delete wherever else a link someone made points.
  static func resolve(forState stateFile: URL) -> URL {
    let beside = besideState(stateFile)
    let relocated = relocated(forState: stateFile)
    let target = try? FileManager.default.destinationOfSymbolicLink(atPath: beside.path)
    if let target,
      URL(fileURLWithPath: target).standardizedFileURL.path == relocated.standardizedFileURL.path
    {
      return relocated
    }
    guard target == nil, enginesCannotReach(beside) else { return beside }
    return relocated
  }

  static func besideState(_ stateFile: URL) -> URL {
    stateFile.deletingLastPathComponent().appendingPathComponent("engines")
  }

  static func isSymbolicLink(_ url: URL) -> Bool {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
  }

  /// Links `beside` (the folder beside the state) to `folder` when the data lives elsewhere,
  /// so that `local status`, `local reset` and a person looking for the logs find it.
  static func link(_ beside: URL, to folder: URL) throws {
    guard beside.standardizedFileURL.path != folder.standardizedFileURL.path,
      !isSymbolicLink(beside), !FileManager.default.fileExists(atPath: beside.path)
    else { return }
    try FileManager.default.createSymbolicLink(at: beside, withDestinationURL: folder)
  }

  private static func enginesCannotReach(_ folder: URL) -> Bool {
    guard let user = EngineUser.forEngine(.postgresql) else { return false }
    return user.reachProblem(folder.appendingPathComponent("new")) != nil
  }

  /// One folder per state folder, stable across runs: FNV-1a of its absolute path.
  private static func relocated(forState stateFile: URL) -> URL {
    let path = stateFile.deletingLastPathComponent().standardizedFileURL.path
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in path.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let name = "engines-" + String(hash, radix: 16)
    return relocationRoot.appendingPathComponent(name, isDirectory: true)
  }
}
