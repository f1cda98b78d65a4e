import DooorCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The unprivileged user an engine runs as when dooordb runs as root (CI, containers):
/// PostgreSQL refuses root outright, and no database server should have it. The engine
/// packages' own users are used (`postgres`, `mysql`, `redis`), else `nobody`.
struct EngineUser: Sendable, Hashable {
  var name: String
  var uid: uid_t
  var gid: gid_t

  /// Runs a program as this user; `setpriv` ships with util-linux on every Debian and Ubuntu.
  var commandPrefix: [String] {
    ["setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"]
  }

  /// The user for `engine`, or nil when dooordb is not root (engines then run as the user
  /// who runs dooordb).
  static func forEngine(_ engine: Engine) -> EngineUser? {
    guard geteuid() == 0 else { return nil }
    let preferred: String
    switch engine {
    case .postgresql: preferred = "postgres"
    case .mysql: preferred = "mysql"
    case .redis: preferred = "redis"
    case .unknown: preferred = "nobody"
    }
    return lookUp(preferred) ?? lookUp("nobody")
  }

  private static func lookUp(_ name: String) -> EngineUser? {
    guard let entry = getpwnam(name) else { return nil }
    return EngineUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
  }

  /// Gives `url` to this user, so the engine can write there.
  func own(_ url: URL) throws {
    guard chown(url.path, uid, gid) == 0 else {
      throw EngineError(
        "cannot give \(url.path) to user \(name): \(String(cString: strerror(errno)))")
    }
  }

  /// Why this user cannot reach `folder`, if it cannot: every folder above it must let
  /// others through (a project under /root, mode 700, does not).
  func reachProblem(_ folder: URL) -> String? {
    var current = folder.standardizedFileURL.deletingLastPathComponent()
    while current.path != "/" && !current.path.isEmpty {
      let attributes = try? FileManager.default.attributesOfItem(atPath: current.path)
      let owner = (attributes?[.ownerAccountID] as? NSNumber)?.uint32Value
      let mode = (attributes?[.posixPermissions] as? NSNumber)?.uint16Value
      if let owner, let mode, owner != uid, mode & 0o001 == 0 {
        return "the engines run as user \(name) (dooordb runs as root), and \(current.path) "
          + "does not let other users through (mode \(String(mode & 0o777, radix: 8))); "
          + "keep the state in a folder they can reach (--state), or run dooordb as another user"
      }
      current = current.deletingLastPathComponent()
    }
    return nil
  }
}
