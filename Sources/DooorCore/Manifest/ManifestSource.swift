/// One manifest file's text and the path to name in diagnostics. The core never opens files:
/// the command line reads them and hands them over as these values.
public struct ManifestSource: Sendable, Hashable {
  public var path: String
  public var text: String

  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }
}
