import Foundation
import Testing

/// A manifest path that cannot be read (a link to a file that is gone, a link loop) is an error
/// in every command that reads manifests, so `prune` never deletes what that file declared.
@Suite(.timeLimit(.minutes(1))) struct UnreadableManifestEndToEndTests {
  static let kept = """
    workspace: acme
    prune: true
    databases:
      - slug: users
        name: Users
        engine: postgresql
    """

  /// The workspace already holds `users` and `orders`; `orders.yaml`, which declared `orders`,
  /// is now a dangling link, and `loop.yaml` links to itself.
  static func setUp() throws -> (ScratchDirectory, ScriptedHTTPServer) {
    let server = try ScriptedHTTPServer { request in
      if request.method == "GET", request.path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        let items = [
          ScriptedWire.database(id: "db-users", slug: "users"),
          ScriptedWire.database(id: "db-orders", slug: "orders"),
        ]
        return .json(status: 200, body: ScriptedWire.page(items, page: 1, totalPages: 1, total: 2))
      }
      return .json(status: 500, body: #"{"error":{"code":"unexpected","message":"not scripted"}}"#)
    }
    let scratch = try ScratchDirectory()
    try scratch.write("manifests/users.yaml", kept)
    try FileManager.default.createSymbolicLink(
      atPath: scratch.file("manifests/orders.yaml").path, withDestinationPath: "gone/orders.yaml")
    try FileManager.default.createSymbolicLink(
      atPath: scratch.file("manifests/loop.yaml").path, withDestinationPath: "loop.yaml")
    return (scratch, server)
  }

  @Test(arguments: [
    ["validate", "manifests"],
    ["plan", "manifests"],
    ["apply", "--auto-approve", "--allow-destroy", "manifests"],
    ["drift", "manifests"],
  ])
  func everyCommandNamesTheUnreadablePathsAndDeletesNothing(_ command: [String]) async throws {
    let (scratch, server) = try Self.setUp()
    defer {
      server.stop()
      scratch.remove()
    }
    let run = try BoundedDooordb(
      command, in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_links", "NO_COLOR": "1"])
    let result = await run.wait(deadline: .seconds(40))
    #expect(!result.killedAtDeadline)
    #expect(result.exitCode != 0, "\(command): \(result.stdout)")
    // plan shows the errors in its output; the other commands on stderr.
    let said = result.stdout + result.stderr
    #expect(
      said.contains(
        "manifests/orders.yaml:1:1: error: cannot read: it is a symbolic link whose target does not exist"
      ), "\(command): \(said)")
    #expect(
      said.contains("manifests/loop.yaml:1:1: error: cannot read: too many levels"),
      "\(command): \(said)")
    let deletions = result.stdout.split(separator: "\n").filter {
      $0.contains("delete") && !$0.contains("0 to delete")
    }
    #expect(deletions.isEmpty, "\(command): \(result.stdout)")
    #expect(server.requests.allSatisfy { $0.method == "GET" }, "\(command)")
  }

  /// Whether a file can be made unreadable to the dooordb a test runs: always for a user other
  /// than root; as root (CI), by running it as `nobody` with setpriv.
  static let canDropPrivileges =
    getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

  /// A manifest file and a folder without read permission: each named with the system's
  /// reason (`Permission denied`), not only "cannot read".
  @Test(.enabled(if: canDropPrivileges))
  func aPathWithoutPermissionIsNamedWithItsReason() async throws {
    let scratch = try ScratchDirectory()
    try scratch.write("manifests/users.yaml", Self.kept)
    try scratch.write("manifests/orders.yaml", Self.kept)
    try scratch.write("manifests/locked/more.yaml", Self.kept)
    let manager = FileManager.default
    for (path, mode) in [("", 0o755), ("manifests", 0o755), ("manifests/users.yaml", 0o644)] {
      try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: scratch.file(path).path)
    }
    for path in ["manifests/orders.yaml", "manifests/locked"] {
      try manager.setAttributes([.posixPermissions: 0], ofItemAtPath: scratch.file(path).path)
    }
    defer {
      try? manager.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: scratch.file("manifests/locked").path)
      scratch.remove()
    }
    let runAs = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
    let (status, output) = try await BashScript.run(
      ["-c", "exec \(runAs)\"$0\" validate manifests", DooordbProcess.binary.path],
      in: scratch.url, timeLimit: .seconds(30))
    #expect(status == 1, "\(output)")
    #expect(
      output.contains("manifests/orders.yaml:1:1: error: cannot read: Permission denied"),
      "\(output)")
    #expect(
      output.contains("manifests/locked:1:1: error: cannot list directory: Permission denied"),
      "\(output)")
  }
}
