import ArgumentParser
import DooorCore

/// The guardrails plan and apply share (CONTRACT §8, §9): the destroy budget and acting on
/// some databases only, or replacing them.
struct ReviewOptions: ParsableArguments {
  @Option(
    name: .customLong("max-destroy"),
    help: ArgumentHelp(
      "Refuse a plan with more than N deletes and replaces, whatever --allow-destroy says.",
      valueName: "N"))
  var maxDestroy: Int?

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "Only this database, and the ones it depends on that must be created first (repeatable).",
      valueName: "WS/SLUG"))
  var targets: [String] = []

  @Option(
    name: .customLong("replace"),
    help: ArgumentHelp(
      "Replace this database even without a difference (destructive; repeatable).",
      valueName: "WS/SLUG"))
  var replacements: [String] = []

  func validate() throws {
    if let maxDestroy, maxDestroy < 0 {
      throw ValidationError("--max-destroy must be 0 or more")
    }
    for (flag, values) in [("--target", targets), ("--replace", replacements)] {
      for value in values where DatabaseReference(parsing: value) == nil {
        throw ValidationError("\(flag) \(value): expected WORKSPACE/SLUG")
      }
    }
  }

  var isNarrowing: Bool { !targets.isEmpty || !replacements.isEmpty }

  func planOptions(policies: [Policy]) -> PlanOptions {
    PlanOptions(
      policies: policies, targets: targets.compactMap(DatabaseReference.init(parsing:)),
      replacements: replacements.compactMap(DatabaseReference.init(parsing:)))
  }
}
