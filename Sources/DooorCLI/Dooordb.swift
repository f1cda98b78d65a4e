public import ArgumentParser

/// The `dooordb` command: keeps Dooor OS managed databases as YAML manifests declare them.
public struct Dooordb: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "dooordb",
    abstract: "Keep Dooor OS managed databases exactly as YAML manifests declare them.",
    version: DooordbVersion.current,
    subcommands: [
      Plan.self, Apply.self, Drift.self, Validate.self, Export.self, Graph.self, List.self,
      Get.self, Connection.self, Local.self,
    ]
  )

  public init() {}
}
