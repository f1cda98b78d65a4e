import DooorLocalAPI
import Foundation

/// The state's lock for a command that must not wait: a local API serving the state would
/// restart what it stops.
enum LocalStateOwnership {
  static func take(_ stateFile: URL, doing what: String) throws -> LocalStateLock {
    if let lock = try LocalStateLock.tryAcquire(stateFile: stateFile) { return lock }
    let holder = LocalStateLock.holder(of: stateFile)
    var message = "another dooordb"
    if let holder { message += " (pid \(holder.pid))" }
    message += " is using \(stateFile.relativePathForDisplay)"
    if let url = holder?.url { message += " and serves \(url)" }
    throw CommandFailure("\(message); stop it first, then \(what)")
  }
}
