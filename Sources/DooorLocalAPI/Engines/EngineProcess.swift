import CEngineSpawn
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Starts engine programs: servers detached in their own session (so they outlive the command
/// that started them, and a Ctrl-C in its terminal does not reach them), and short commands
/// (initdb, clients) waited for with a time limit. As root, every program runs as the engine's
/// unprivileged user, because PostgreSQL refuses to run as root and none of them should.
struct EngineProcess: Sendable {
  /// The user the engines run as, or nil to run them as ourselves.
  var user: EngineUser?

  /// What a finished short command did.
  struct Outcome: Sendable {
    var status: Int32
    var output: String
    var succeeded: Bool { status == 0 }
  }

  /// Starts `arguments` as a server in a new session, its output appended to `log`, and
  /// returns its pid without waiting for it.
  func startServer(_ arguments: [String], log: URL, environment: [String: String] = [:]) throws
    -> Int32
  {
    let logDescriptor = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard logDescriptor >= 0 else {
      throw EngineError(
        "cannot open the engine log \(log.path): \(String(cString: strerror(errno)))")
    }
    defer { close(logDescriptor) }
    if let user { _ = fchown(logDescriptor, user.uid, user.gid) }
    return try spawn(
      arguments, environment: environment, standardOutput: logDescriptor, newSession: true)
  }

  /// Runs `arguments` to completion (killed after `timeout`), `input` on its standard input,
  /// and returns its status and what it printed on stdout and stderr together.
  func run(
    _ arguments: [String], environment: [String: String] = [:], input: String? = nil,
    asEngineUser: Bool = true, timeout: Duration = .seconds(60)
  ) async throws -> Outcome {
    var outputPipe: [Int32] = [0, 0]
    var inputPipe: [Int32] = [0, 0]
    guard Self.makePipe(&outputPipe), Self.makePipe(&inputPipe) else {
      throw EngineError("cannot create a pipe: \(String(cString: strerror(errno)))")
    }
    let pid: Int32
    do {
      pid = try spawn(
        arguments, environment: environment, standardOutput: outputPipe[1],
        standardInput: inputPipe[0], newSession: false, dropPrivileges: asEngineUser)
    } catch {
      for descriptor in outputPipe + inputPipe { close(descriptor) }
      throw error
    }
    close(outputPipe[1])
    close(inputPipe[0])
    let writeEnd = FileHandle(fileDescriptor: inputPipe[1], closeOnDealloc: true)
    if let input { try? writeEnd.write(contentsOf: Data(input.utf8)) }
    try? writeEnd.close()
    let readEnd = FileHandle(fileDescriptor: outputPipe[0], closeOnDealloc: true)
    // A blocking read belongs on a thread of its own, not on the few threads every task
    // shares: two commands reading at once would otherwise stall the rest.
    let reading = Task {
      await withCheckedContinuation { (continuation: CheckedContinuation<Data, Never>) in
        Thread.detachNewThread { continuation.resume(returning: readEnd.readDataToEndOfFile()) }
      }
    }
    let status = await Self.waitForExit(pid, timeout: timeout)
    let output = String(decoding: await reading.value, as: UTF8.self)
    guard let status else {
      throw EngineError("\(arguments[0]) did not finish within \(timeout)")
    }
    return Outcome(status: status, output: output)
  }

  /// A pipe closed on exec, so no other program started meanwhile inherits it (the child
  /// gets its end through dup2, which clears the flag).
  private static func makePipe(_ descriptors: inout [Int32]) -> Bool {
    dooordb_pipe_cloexec(&descriptors) == 0
  }

  /// Waits for a child to exit, polling so no thread blocks; kills it after `timeout`.
  /// Returns its exit status (128 + signal when killed by one), or nil when it timed out.
  static func waitForExit(_ pid: Int32, timeout: Duration) async -> Int32? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var pause = Duration.milliseconds(2)
    while true {
      var status: Int32 = 0
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
      }
      if result < 0 { return -1 }
      if clock.now >= deadline {
        // The whole group: a script's children (mariadb-install-db's server) would otherwise
        // keep the output pipe open after the script is gone.
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
      }
      try? await Task.sleep(for: pause)
      pause = min(pause * 2, .milliseconds(50))
    }
  }

  private func spawn(
    _ arguments: [String], environment: [String: String], standardOutput: Int32,
    standardInput: Int32? = nil, newSession: Bool, dropPrivileges: Bool = true
  ) throws -> Int32 {
    var command = arguments
    if dropPrivileges, let user { command = user.commandPrefix + command }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let standardInput {
      posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
    posix_spawn_file_actions_adddup2(&actions, standardOutput, 2)
    // Nothing else of this process may leak into a server that outlives it: an inherited
    // state lock or listening socket would stay held for as long as the server runs.
    _ = dooordb_spawn_close_from(&actions, 3)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    if newSession {
      flags |= Int32(dooordb_spawn_setsid_flag())
    } else {
      // A group of its own, so a time-out can end the command with all it started.
      flags |= Int32(POSIX_SPAWN_SETPGROUP)
      posix_spawnattr_setpgroup(&attributes, 0)
    }
    #if canImport(Darwin)
      flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
    #endif
    posix_spawnattr_setflags(&attributes, Int16(flags))
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    // Signals this process ignores (SIGPIPE, SIGINT while a command drains) must not stay
    // ignored in the engines.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)

    var fullEnvironment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "LANG": "C", "LC_ALL": "C",
    ]
    fullEnvironment.merge(environment) { _, new in new }
    let environmentLines = fullEnvironment.map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let result = withCStrings(command) { argv in
      withCStrings(environmentLines) { envp in
        posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
      }
    }
    guard result == 0 else {
      throw EngineError("cannot start \(command[0]): \(String(cString: strerror(result)))")
    }
    return pid
  }
}

/// Calls `body` with a NULL-terminated C array of `strings`.
private func withCStrings<Result>(
  _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result
) -> Result {
  let pointers = strings.map { strdup($0) } + [nil]
  defer { for pointer in pointers { free(pointer) } }
  return body(pointers)
}

/// A failure of a local engine, with a message for the user (never a secret in it).
struct EngineError: Error, Sendable, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}
