/// What loading manifests produced: the declared state and every problem found, sorted by place.
/// `desired` holds only entries that passed their own checks; use it only when `isValid`.
public struct ManifestLoadResult: Sendable, Hashable {
  public var desired: DesiredState
  public var diagnostics: [Diagnostic]

  public init(desired: DesiredState, diagnostics: [Diagnostic]) {
    self.desired = desired
    self.diagnostics = diagnostics.sorted()
  }

  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  public var isValid: Bool { errors.isEmpty }
}
