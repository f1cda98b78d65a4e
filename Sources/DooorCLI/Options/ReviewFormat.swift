import ArgumentParser
import DooorCore

/// `--format` of the commands whose output is reviewed: plan and drift.
enum ReviewFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case markdown

  var planFormat: PlanFormat { PlanFormat(rawValue: rawValue)! }
  var driftFormat: DriftFormat { DriftFormat(rawValue: rawValue)! }
}
