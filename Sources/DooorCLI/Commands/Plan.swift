import ArgumentParser
import DooorCore
import DooorEngine
import Foundation

extension Dooordb {
  /// `dooordb plan`; named apart from the core's `Plan`, the value it prints.
  struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "Show what apply would change, without changing anything.",
      discussion: """
        Compares the manifests with the databases the API reports and prints the changes \
        (+ create, ~ update, -/+ replace, - delete). Exits 0 (even with changes, unless \
        --detailed-exitcode), 1 on errors, a mandatory policy violation or more destructive \
        changes than --max-destroy, 2 with --detailed-exitcode when there are changes. With \
        --format json or markdown, stdout holds one document also when plan fails.

        EXAMPLES:
          dooordb plan --local examples/basic
          dooordb plan manifests --out plan.json
          dooordb plan manifests --format markdown --detailed-exitcode
        """)

    @OptionGroup var selection: ManifestSelection

    @OptionGroup var output: ReviewOutputOptions

    @Option(
      help: ArgumentHelp("Also save the plan for `apply --plan FILE`.", valueName: "FILE"),
      completion: .file())
    var out: String?

    @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
    var detailedExitcode = false

    @OptionGroup var review: ReviewOptions

    @OptionGroup var policies: PolicySelection

    @OptionGroup var api: APIOptions

    func run() async throws {
      let loadedPolicies = policies.load()
      let (plan, refusals, checksum) = try await output.failingAsDocument(command: "plan") {
        let plan = try await PlanComputation.compute(
          selection: selection, api: api, policies: loadedPolicies,
          planOptions: review.planOptions(policies: loadedPolicies.policies))
        // What would stop apply, --allow-destroy aside: plan reviews, it does not destroy.
        let refusals = ApplyDecision.decide(
          plan, permissions: .init(allowDestroy: true, maxDestroy: review.maxDestroy)
        ).refusals
        // Saved before anything is printed: a plan that cannot be saved is a failed run, and
        // its document must say so rather than "ok".
        var checksum: String?
        if refusals.isEmpty, let out {
          checksum = try SavedPlanFile.write(
            SavedPlan(plan: plan, origin: SavedPlanFile.origin(of: plan, api: api)), to: out)
        }
        return (plan, refusals, checksum)
      }
      CommandOutput.standardOutput(
        plan.rendered(
          as: output.format.planFormat, useColor: output.format == .text && api.useColor,
          maxCharacters: output.markdownLimit, refusals: refusals, savedPlanChecksum: checksum))
      if !refusals.isEmpty {
        // A document on stdout is for a machine or a comment; the log also gets the errors.
        let errors = output.format == .text ? [] : plan.errors.map { "\($0)\n" }
        CommandOutput.standardError(
          errors.joined() + refusals.map { "error: \($0.description)\n" }.joined())
        throw ExitCode.failure
      }
      if let out {
        CommandOutput.standardError(
          "Saved the plan to \(out); apply it with: dooordb apply --plan \(out)"
            + (checksum.map { " --expect-checksum \($0)" } ?? "") + "\n")
      }
      if detailedExitcode && plan.hasChanges {
        throw ExitCode(2)
      }
    }
  }
}
