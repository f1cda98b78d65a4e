import ArgumentParser

extension Dooordb {
  struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check manifests offline and report every problem with its position.")

    @Argument(help: "Manifest files or directories (default: the current directory).")
    var paths: [String] = []

    func run() async throws {
      throw ValidationError("validate is not built yet")
    }
  }
}
