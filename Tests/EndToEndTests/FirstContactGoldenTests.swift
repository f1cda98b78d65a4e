import DooorTestSupport
import Foundation
import Testing

/// What a user meets first, through the built binary, compared with committed files under
/// `Golden/first-contact/`: each error one line with its cause and the right exit code (64 for
/// usage errors). `RECORD_GOLDEN=1` rewrites them (and fails).
@Suite(.timeLimit(.minutes(5))) struct FirstContactGoldenTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    /// Files written in the scratch folder first, by name.
    var files: [String: String] = [:]
    var testDescription: String { name }
  }

  static let directory = DooordbProcess.repositoryRoot.appendingPathComponent(
    "Tests/EndToEndTests/Golden/first-contact")

  /// Every case runs in an empty scratch folder with no API key: none reaches the network.
  static let cases: [Case] = [
    Case(
      name: "list-unknown-engine",
      arguments: ["list", "--workspace", "shop", "--engine", "oracle"]),
    Case(
      name: "list-unknown-status",
      arguments: ["list", "--workspace", "shop", "--status", "broken"]),
    Case(name: "mistyped-command", arguments: ["plna", "manifests"]),
    Case(name: "mistyped-local-command", arguments: ["local", "stauts"]),
    Case(name: "unknown-command", arguments: ["frobnicate"]),
    Case(name: "help-for-a-mistyped-command", arguments: ["help", "plna"]),
    Case(name: "mistyped-flag", arguments: ["plan", "--detailed-exit-code"]),
    Case(name: "missing-workspace", arguments: ["list"]),
    Case(name: "unknown-shell", arguments: ["completion", "powershell"]),
    Case(name: "unknown-completion-shell", arguments: ["--generate-completion-script", "bahs"]),
    Case(name: "flag-before-a-subcommand", arguments: ["local", "--state", "x", "stauts"]),
    Case(name: "timeout-without-unit", arguments: ["apply", "--timeout", "5"]),
    Case(name: "parallelism-negative", arguments: ["apply", "--parallelism", "-3"]),
    Case(name: "parallelism-zero", arguments: ["apply", "--parallelism=0"]),
    Case(
      name: "unreadable-key-file",
      arguments: ["list", "--workspace", "shop", "--api-key-file", "missing.key"]),
    Case(
      name: "key-file-is-a-folder",
      arguments: ["list", "--workspace", "shop", "--api-key-file", "."]),
    Case(name: "unreadable-saved-plan", arguments: ["apply", "--plan", "missing.plan"]),
    Case(
      name: "export-into-missing-folder",
      arguments: ["export", "--local", "--workspace", "shop", "--out", "missing/shop.yaml"]),
    Case(
      name: "saved-plan-into-missing-folder",
      arguments: ["plan", "--local", "shop.yaml", "--out", "missing/plan.json"],
      files: ["shop.yaml": "workspace: shop\ndatabases:\n  - {slug: db, name: DB, engine: redis}\n"]
    ),
  ]

  @Test(arguments: cases)
  func eachErrorIsOneClearLine(_ testCase: Case) async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for (name, text) in testCase.files { try scratch.write(name, text) }
    let result = try await DooordbProcess.run(
      testCase.arguments, in: scratch.url, environment: ["NO_COLOR": "1", "COLUMNS": "100"])
    #expect(result.exitCode != 0)
    let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
    #expect(errorLines.count == 1, "\(result.stderr)")
    Golden.check(
      FirstContactGoldenTests.transcript(testCase.arguments, result), at: Self.directory,
      against: testCase.name + ".txt")
  }

  @Test func aPortInUseNamesTheAddressAndTheSystemsReason() async throws {
    let listener = try TCPListener()
    defer { listener.close() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let arguments = ["local", "serve", "--port", "\(listener.port)", "--state", "state.json"]
    let result = try await DooordbProcess.run(
      arguments, in: scratch.url, environment: ["NO_COLOR": "1"], timeLimit: .seconds(60))
    let transcript = Self.transcript(arguments, result)
      .replacingOccurrences(of: "\(listener.port)", with: "PORT")
    Golden.check(transcript, at: Self.directory, against: "local-serve-port-in-use.txt")
  }

  /// The command, its exit code and both outputs, as the golden files hold them.
  static func transcript(_ arguments: [String], _ result: DooordbProcess.Result) -> String {
    "$ dooordb \(arguments.joined(separator: " "))\nexit: \(result.exitCode)\n"
      + "--- stdout\n\(result.stdout)--- stderr\n\(result.stderr)"
  }
}

/// A listening TCP socket on a free loopback port, to make a port busy.
struct TCPListener {
  let descriptor: Int32
  let port: Int

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.descriptor = descriptor
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 1) == 0 else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  func close() { _ = Glibc.close(descriptor) }
}
