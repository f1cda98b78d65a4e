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
