import Foundation

/// Runs a program found on PATH with `input` on its stdin and reads its stdout to the end, off
/// the cooperative pool (`offThePool`): `sha256sum` for a resealed plan, the Prometheus
/// parser for /metrics.
func runPiped(_ arguments: [String], input: String) async throws -> (status: Int32, output: Data) {
  try await offThePool {
    Result { () throws -> (status: Int32, output: Data) in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = arguments
      let stdin = Pipe()
      let stdout = Pipe()
      process.standardInput = stdin
      process.standardOutput = stdout
      try process.run()
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try stdin.fileHandleForWriting.close()
      let output = stdout.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (process.terminationStatus, output)
    }
  }.get()
}
