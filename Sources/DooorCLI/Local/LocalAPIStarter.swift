import DooorLocalAPI
import Foundation

/// Opens the local API of a state file the way `--local` and `local serve` do: takes the
/// state's lock (saying who holds it while waiting), then starts the server with its notices
/// on stderr. A `--local` command uses the API of a `local serve` that holds the state
/// instead of waiting for it to end (it would not), and waits for another `--local` command
/// at most `waitLimit`.
enum LocalAPIStarter {
  /// How long a `--local` command waits for another one to finish with the state: longer
  /// than any sane apply, shorter than forever.
  static let waitLimit = Duration.seconds(600)

  /// The API a `--local` command talks to.
  enum Opened {
    /// Its own embedded server, which holds the state's lock.
    case started(LocalAPIServer, LocalStateLock)
    /// The API of the `local serve` that holds the state.
    case adopted(url: String)
  }

  /// For `--local`: an embedded server of the state, or the running `local serve`'s API.
  static func open(stateFile: URL, options: LocalAPIOptions) async throws -> Opened {
    let shownPath = stateFile.relativePathForDisplay
    let acquisition: LocalStateLock.Acquisition
    do {
      acquisition = try await LocalStateLock.acquire(
        stateFile: stateFile, limit: waitLimit, clock: ContinuousClock(),
        adopt: { $0.isLiveServer }, waiting: { sayWaiting(for: $0, shownPath: shownPath) })
    } catch let error as LocalStateLock.WaitedTooLong {
      var message =
        "gave up after \(waitLimit.components.seconds / 60) minutes waiting for"
        + " another dooordb"
      if let holder = error.holder { message += " (pid \(holder.pid))" }
      message += " to finish with \(shownPath)"
      if let url = error.holder?.url { message += "; --api-url \(url) can use the API it serves" }
      throw CommandFailure(message)
    }
    switch acquisition {
    case .servedBy(let holder):
      let url = holder.url ?? ""
      CommandOutput.standardErrorLine(
        "local: using the API that dooordb local serve (pid \(holder.pid)) serves for"
          + " \(shownPath) at \(url)")
      return .adopted(url: url)
    case .acquired(let lock):
      let server = try await serve(stateFile: stateFile, options: options, lock: lock)
      return .started(server, lock)
    }
  }

  /// For `local serve`: waits for the state's lock as long as it takes, then serves it until
  /// stopped (other commands of the state use its API meanwhile).
  static func start(
    stateFile: URL, host: String = "127.0.0.1", port: Int = 0, options: LocalAPIOptions
  ) async throws -> (LocalAPIServer, LocalStateLock) {
    let shownPath = stateFile.relativePathForDisplay
    let lock = try await LocalStateLock.acquire(stateFile: stateFile) {
      sayWaiting(for: $0, shownPath: shownPath)
    }
    let server = try await serve(
      stateFile: stateFile, host: host, port: port, options: options, lock: lock, lasting: true)
    return (server, lock)
  }

  private static func serve(
    stateFile: URL, host: String = "127.0.0.1", port: Int = 0, options: LocalAPIOptions,
    lock: LocalStateLock, lasting: Bool = false
  ) async throws -> LocalAPIServer {
    var options = options
    options.stateFile = stateFile
    options.notice = { CommandOutput.standardErrorLine("local: \($0)") }
    do {
      let server = try await LocalAPIServer.start(host: host, port: port, options: options)
      lock.publish(url: server.url, lasting: lasting)
      return server
    } catch let error as LocalStateUnreadable {
      lock.release()
      throw CommandFailure(error.description)
    } catch {
      lock.release()
      throw error
    }
  }

  private static func sayWaiting(for holder: LocalStateLock.Holder?, shownPath: String) {
    var line = "waiting for another dooordb using \(shownPath)"
    if let holder { line += " (pid \(holder.pid))" }
    line += " to finish"
    if let url = holder?.url { line += "; it serves \(url), which --api-url can use meanwhile" }
    CommandOutput.standardErrorLine(line)
  }
}

extension URL {
  /// The path relative to the current folder when it is inside it.
  var relativePathForDisplay: String {
    let current = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
  }
}
