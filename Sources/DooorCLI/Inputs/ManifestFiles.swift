import DooorCore
import Foundation

/// Finds and reads manifest files at the edge, so the core only ever sees texts.
///
/// Paths may be files or directories; directories are read recursively in sorted order,
/// skipping hidden entries, taking `.yaml` and `.yml` files. No path means the current directory.
/// A file named explicitly is read whatever its extension. Walking a directory skips policy
/// files (`*.policy.yaml`, `*.policy.yml`), so policies can sit beside the manifests.
enum ManifestFiles {
  static let extensions: Set<String> = ["yaml", "yml"]
  static let policySuffixes = [".policy.yaml", ".policy.yml"]

  struct Collected {
    var sources: [ManifestSource] = []
    var diagnostics: [Diagnostic] = []
    /// Real paths already taken: a file named twice (or reached twice through a symbolic link)
    /// is read once, and a directory link pointing back up cannot loop forever.
    var visited: Set<String> = []

    mutating func firstVisit(_ path: String) -> Bool {
      visited.insert(Self.realPath(path)).inserted
    }

    func hasVisited(_ path: String) -> Bool { visited.contains(Self.realPath(path)) }

    /// realpath(3), not Foundation's URL resolution, which costs more than reading the file.
    private static func realPath(_ path: String) -> String {
      guard let resolved = realpath(path, nil) else { return path }
      defer { free(resolved) }
      return String(cString: resolved)
    }
  }

  /// The files under `paths`; with `skippingPolicyFiles`, directory walks leave out
  /// `*.policy.yaml` files (manifests), without it they take them (policies).
  static func collect(
    _ paths: [String], skippingPolicyFiles: Bool = true, fileManager: FileManager = .default
  ) -> Collected {
    var collected = Collected()
    for path in paths.isEmpty ? ["."] : paths {
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        collected.diagnostics.append(problem(at: path, unreachableReason(path)))
        continue
      }
      if isDirectory.boolValue {
        let alreadyRead = collected.hasVisited(path)
        let sourcesBefore = collected.sources.count
        let problemsBefore = collected.diagnostics.count
        walk(
          directory: path, skippingPolicyFiles: skippingPolicyFiles, into: &collected,
          fileManager: fileManager)
        if !alreadyRead, collected.sources.count == sourcesBefore,
          collected.diagnostics.count == problemsBefore
        {
          collected.diagnostics.append(problem(at: path, "no .yaml or .yml files found"))
        }
      } else {
        read(file: path, into: &collected, fileManager: fileManager)
      }
    }
    return collected
  }

  /// Reads manifests from `paths` and loads them, the files side by side as tasks: what
  /// validate, plan, apply, drift and graph start with. `workspacesNamed` hears the workspaces
  /// of each file as soon as that file is read. Only one file per core is read at a time, so tasks the
  /// caller starts meanwhile (listing those workspaces) run next rather than after every file.
  static func load(
    _ paths: [String], environment: [String: String],
    workspacesNamed: @escaping @Sendable ([String]) -> Void = { _ in }
  ) async -> ManifestLoadResult {
    let collected = collect(paths)
    let sources = collected.sources
    let files = await concurrentMap(
      sources, limit: ProcessInfo.processInfo.activeProcessorCount
    ) { source in
      let file = ManifestLoader.read(source, environment: environment)
      workspacesNamed(file.workspaceNames)
      return file
    }
    let result = ManifestLoader.combine(files)
    return ManifestLoadResult(
      desired: result.desired, diagnostics: result.diagnostics + collected.diagnostics)
  }

  private static func walk(
    directory: String, skippingPolicyFiles: Bool, into collected: inout Collected,
    fileManager: FileManager
  ) {
    guard collected.firstVisit(directory) else { return }
    let names: [String]
    do {
      names = try fileManager.contentsOfDirectory(atPath: directory).sorted()
    } catch {
      let reason = openFailure(directory, O_DIRECTORY).map { ": \($0)" } ?? ""
      collected.diagnostics.append(problem(at: directory, "cannot list directory" + reason))
      return
    }
    for name in names where !name.hasPrefix(".") {
      let path = join(directory, name)
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        // A link whose target is gone, or a link loop. Skipping it would drop what it declared,
        // and `prune` would then delete that. Only names that cannot be manifests are passed.
        if mayHoldManifests(name) {
          collected.diagnostics.append(problem(at: path, unreachableReason(path)))
        }
        continue
      }
      if isDirectory.boolValue {
        walk(
          directory: path, skippingPolicyFiles: skippingPolicyFiles, into: &collected,
          fileManager: fileManager)
      } else if skippingPolicyFiles, policySuffixes.contains(where: name.hasSuffix) {
        continue
      } else if let dot = name.lastIndex(of: "."),
        extensions.contains(String(name[name.index(after: dot)...]))
      {
        read(file: path, into: &collected, fileManager: fileManager)
      }
    }
  }

  private static func read(
    file path: String, into collected: inout Collected, fileManager: FileManager
  ) {
    guard collected.firstVisit(path) else { return }
    guard let data = fileManager.contents(atPath: path) else {
      let message = openFailure(path, 0).map { "cannot read: \($0)" } ?? "cannot read file"
      collected.diagnostics.append(problem(at: path, message))
      return
    }
    guard let text = String(data: data, encoding: .utf8) else {
      collected.diagnostics.append(problem(at: path, "file is not UTF-8 text"))
      return
    }
    collected.sources.append(ManifestSource(path: path, text: text))
  }

  /// Whether an entry that cannot be followed might have been a manifest or a folder of them:
  /// a `.yaml`/`.yml` name, or a name without an extension.
  private static func mayHoldManifests(_ name: String) -> Bool {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return true }
    return extensions.contains(String(name[name.index(after: dot)...]))
  }

  /// Why `path` cannot be reached, in the user's words: access(2)'s answer, a dangling link
  /// named as such.
  private static func unreachableReason(_ path: String) -> String {
    guard access(path, F_OK) != 0 else { return "cannot read" }
    let code = errno
    let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    switch code {
    case ENOENT where isLink:
      return "cannot read: it is a symbolic link whose target does not exist"
    case ENOENT:
      return "no such file or directory"
    case ELOOP:
      return "cannot read: too many levels of symbolic links (a link loop)"
    default:
      return "cannot read: \(SystemFile.reason(code).lowercased())"
    }
  }

  /// Why opening `path` for reading (with `flags`) fails, as the system says it (`Permission
  /// denied`); nil when it opens, so the failure came later.
  private static func openFailure(_ path: String, _ flags: Int32) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | flags)
    guard descriptor < 0 else {
      close(descriptor)
      return nil
    }
    return SystemFile.reason(errno)
  }

  /// `examples` + `basic` → `examples/basic`; `.` + `a.yaml` → `a.yaml`, as a user would write it.
  private static func join(_ directory: String, _ name: String) -> String {
    if directory == "." { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// Problems with a path itself are placed at its first line so every error reads `FILE:LINE:COL`.
  private static func problem(at path: String, _ message: String) -> Diagnostic {
    .error(at: SourceLocation(file: path, line: 1, column: 1), message)
  }
}
