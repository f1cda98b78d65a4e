public import ArgumentParser

/// The `dooordb` command: keeps Dooor OS managed databases as YAML manifests declare them.
public struct Dooordb: AsyncParsableCommand {
  // Every command spells out its `commandName`: otherwise ArgumentParser derives each one from
  // the type's name through runtime reflection on every run, a few milliseconds of start-up.
  public static let configuration = CommandConfiguration(
    commandName: "dooordb",
    abstract: "Keep Dooor OS managed databases exactly as YAML manifests declare them.",
    discussion: """
      EXAMPLES:
        dooordb plan --local examples/basic
        dooordb apply --local examples/basic
        dooordb help plan
        dooordb completion zsh > ~/.zfunctions/_dooordb
      """,
    version: DooordbVersion.current,
    subcommands: [
      PlanCommand.self, Apply.self, DriftCommand.self, Validate.self, Export.self, Graph.self,
      List.self, Get.self, Connection.self, Local.self, Reconcile.self, Completion.self,
    ]
  )

  public init() {}
}
