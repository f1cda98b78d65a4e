import Foundation

/// What `dooordb --version` prints: the version, the commit and the build date.
///
/// The commit and date are not compiled in, so `swift build` stays reproducible and needs no
/// git: a release build writes them beside the binary, in `dooordb.build-info`
/// (`commit=...` and `date=...` lines; see README, "Build and test"), and a build without
/// that file says "unknown".
enum DooordbVersion {
  static let number = "0.1.0"

  /// The file beside the executable that a release build writes.
  static let buildInfoFileName = "dooordb.build-info"

  static var current: String {
    let info = buildInfo()
    return
      "dooordb \(number) (commit \(info["commit"] ?? "unknown"), built \(info["date"] ?? "unknown"))"
  }

  /// The `key=value` lines of the build-info file beside the running executable, if any.
  private static func buildInfo() -> [String: String] {
    let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
      .resolvingSymlinksInPath()
    let file = executable.deletingLastPathComponent().appendingPathComponent(buildInfoFileName)
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
    var values: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let value = parts[1].trimmingCharacters(in: .whitespaces)
      // Printed as is: keep it to one short line of printable characters.
      guard !value.isEmpty, value.count <= 64,
        value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
      else { continue }
      values[parts[0].trimmingCharacters(in: .whitespaces)] = value
    }
    return values
  }
}
