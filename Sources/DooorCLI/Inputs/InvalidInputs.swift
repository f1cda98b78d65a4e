import DooorCore

/// Manifests or policy files that are not valid: the command stops before comparing anything.
struct InvalidInputs: Error {
  var diagnostics: [Diagnostic]
}
