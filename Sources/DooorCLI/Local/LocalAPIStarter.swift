import DooorLocalAPI
import Foundation

/// Opens the local API of a state file the way `--local` and `local serve` do: waits for the
/// state's lock (saying who holds it), then starts the server with its notices on stderr.
enum LocalAPIStarter {
  static func start(
    stateFile: URL, host: String = "127.0.0.1", port: Int = 0, options: LocalAPIOptions
  ) async throws -> (LocalAPIServer, LocalStateLock) {
    let shownPath = stateFile.relativePathForDisplay
    let lock = try await LocalStateLock.acquire(stateFile: stateFile) { holder in
      var line = "waiting for another dooordb using \(shownPath)"
      if let holder { line += " (pid \(holder.pid))" }
      line += " to finish"
      if let url = holder?.url { line += "; it serves \(url), which --api-url can use meanwhile" }
      CommandOutput.standardErrorLine(line)
    }
    var options = options
    options.stateFile = stateFile
    options.notice = { CommandOutput.standardErrorLine("local: \($0)") }
    do {
      let server = try await LocalAPIServer.start(host: host, port: port, options: options)
      lock.publish(url: server.url)
      return (server, lock)
    } catch let error as LocalStateUnreadable {
      lock.release()
      throw CommandFailure(error.description)
    } catch {
      lock.release()
      throw error
    }
  }
}

extension URL {
  /// The path relative to the current folder when it is inside it.
  var relativePathForDisplay: String {
    let current = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
  }
}
