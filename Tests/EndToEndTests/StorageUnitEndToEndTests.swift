import Foundation
import Testing

/// Storage is one unit everywhere a person reads it: GB, as the manifest's `storageGb` and the
/// API's `storageGb` count it (CONTRACT §8: "storage in GB"), in list as in plan.
@Suite(.timeLimit(.minutes(2))) struct StorageUnitEndToEndTests {
  @Test func listAndPlanBothSayGB() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders + "\n    storageGb: 20\n")
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "acme.yaml"], in: scratch.url)
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")

    let list = try await DooordbProcess.run(
      ["list", "--local", "--workspace", "acme"], in: scratch.url)
    #expect(list.exitCode == 0, "\(list.stderr)")
    #expect(list.stdout.contains("20 GB"), "\(list.stdout)")
    #expect(!list.stdout.contains("Gi "), "\(list.stdout)")

    try scratch.write("acme.yaml", TestManifests.acmeOrders + "\n    storageGb: 10\n")
    let plan = try await DooordbProcess.run(["plan", "--local", "acme.yaml"], in: scratch.url)
    #expect(plan.stdout.contains("but the database has 20 GB"), "\(plan.stdout)")
  }
}
