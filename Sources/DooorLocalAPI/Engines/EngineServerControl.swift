import DooorCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Looks at and stops engine server processes by pid, whether this process started them or
/// an earlier dooordb did (then they are not its children).
enum EngineServerControl {
  /// Whether `pid` still runs. Reaps it when it is this process's child that exited, so a
  /// dead server never lingers as a zombie that looks alive.
  static func isAlive(_ pid: Int32) -> Bool {
    var status: Int32 = 0
    let reaped = waitpid(pid, &status, WNOHANG)
    if reaped == pid { return false }
    if reaped == 0 { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }

  /// Whether `pid` is the server of database `id` on `port`: its command line names the
  /// database's folder (PostgreSQL, MariaDB) or the port (Redis retitles itself
  /// `redis-server 127.0.0.1:PORT`). Where there is no /proc, whether the port accepts
  /// connections. Guards against a pid reused after a reboot.
  static func isServer(_ pid: Int32, of id: String, port: Int) -> Bool {
    guard isAlive(pid) else { return false }
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
      return FreePort.isListening(port)
    }
    let command = String(decoding: data, as: UTF8.self)
    return command.contains(id) || command.contains(":\(port)")
  }

  /// Stops the server a record names, only if that pid is still its server: after a reboot
  /// the pid may belong to anything.
  static func stopIfServer(_ record: LocalDatabaseRecord) async {
    guard let pid = record.server?.pid, let port = record.server?.port,
      isServer(pid, of: record.id, port: port)
    else { return }
    await stop(pid, engine: record.engine)
  }

  /// Asks the server to shut down cleanly (PostgreSQL's fast shutdown, SIGTERM for the
  /// others), then kills it if it is still there after `grace`.
  static func stop(_ pid: Int32, engine: Engine, grace: Duration = .seconds(15)) async {
    guard isAlive(pid) else { return }
    kill(pid, engine == .postgresql ? SIGINT : SIGTERM)
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: grace)
    while isAlive(pid) {
      if clock.now >= deadline {
        kill(pid, SIGKILL)
        try? await Task.sleep(for: .milliseconds(50))
        _ = isAlive(pid)
        return
      }
      try? await Task.sleep(for: .milliseconds(20))
    }
  }
}
