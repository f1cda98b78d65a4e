import Foundation

/// Runs a blocking call (waiting for a process, reading a pipe to its end) on a thread of its
/// own and awaits it. Tests run in parallel on the few threads Swift concurrency shares; a test
/// that blocked one of them for a whole command would starve the others (and the in-process
/// servers they talk to) until their time limits ran out.
func offThePool<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
  await withCheckedContinuation { continuation in
    Thread.detachNewThread { continuation.resume(returning: body()) }
  }
}
