import Foundation
import Testing
import Yams

/// Runs the shell steps of the CI recipes in examples/ci the way GitHub Actions and GitLab CI
/// do (`bash -eo pipefail`), with stubs on PATH instead of dooordb and the forge's API: a stub
/// `dooordb` that exits with a chosen code, and `gh`/`curl` stubs that record every call.
/// Steps that install dooordb (`swift build`) are left out: the stub stands in for it.
struct RecipeRunner {
  /// What a run of one job did.
  struct Outcome {
    var succeeded: Bool
    /// Every step's stdout and stderr, in order.
    var output: String
    /// One line per call of the stub: its arguments, and the body file it was given.
    var forgeCalls: [String]
    var dooordbCalls: [String]

    var writes: [String] {
      forgeCalls.filter {
        $0.contains("-X POST") || $0.contains("-X PATCH") || $0.contains("-X PUT")
      }
    }
  }

  /// How the stubs behave in one run.
  struct Stubs {
    /// nil: no dooordb on PATH at all (the shell's 127).
    var dooordbExit: Int32?
    /// The stub prints nothing on stdout, as a dooordb without error documents did.
    var silent = false
    /// What a listing call prints: for `gh`, what its `--jq` filter would; for `curl`, JSON.
    var listing = ""
  }

  let scratch: ScratchDirectory

  init(withPolicies: Bool = false) throws {
    scratch = try ScratchDirectory()
    try scratch.write("work/manifests/app.yaml", "workspace: acme\ndatabases: []\n")
    if withPolicies { try scratch.write("work/policies/team.policy.yaml", "policies: []\n") }
    try FileManager.default.createDirectory(
      at: scratch.file("log"), withIntermediateDirectories: true)
  }

  func remove() { scratch.remove() }

  /// The `steps` of GitHub workflow `file`'s only job, run in order: a step runs when every
  /// step before it succeeded and its `if:` holds.
  func runGitHubJob(_ file: String, stubs: Stubs) async throws -> Outcome {
    let node = try #require(try Yams.compose(yaml: recipe(file)))
    let workflowEnvironment = Self.environment(node["env"])
    let job = try #require(node["jobs"]?.mapping?.values.first)
    var outputs: [String: [String: String]] = [:]
    var output = ""
    var failed = false
    for step in job["steps"]?.sequence ?? [] {
      guard let script = step["run"]?.string, !script.contains("swift build"), !failed else {
        continue
      }
      if let condition = step["if"]?.string, !Self.holds(condition, outputs: outputs) { continue }
      let outputFile = scratch.file("github-output")
      try Data().write(to: outputFile)
      var environment = workflowEnvironment.merging(
        Self.environment(step["env"], outputs: outputs)
      ) { $1 }
      environment["GITHUB_OUTPUT"] = outputFile.path
      environment["GITHUB_STEP_SUMMARY"] = scratch.file("step-summary").path
      environment["GITHUB_PATH"] = scratch.file("github-path").path
      environment["GITHUB_REPOSITORY"] = "acme/databases"
      let (status, said) = try await run(script, stubs: stubs, environment: environment)
      output += said
      failed = status != 0
      if let id = step["id"]?.string {
        let lines = try String(contentsOf: outputFile, encoding: .utf8).split(separator: "\n")
        outputs[id] = Dictionary(
          lines.compactMap { line in
            line.firstIndex(of: "=").map {
              (String(line[..<$0]), String(line[line.index(after: $0)...]))
            }
          }, uniquingKeysWith: { $1 })
      }
    }
    return try outcome(succeeded: !failed, output: output, forge: "gh")
  }

  /// The `script` of GitLab job `job` in `.gitlab-ci.yml`, as one script (its runner's way).
  func runGitLabJob(_ job: String, stubs: Stubs) async throws -> Outcome {
    let node = try #require(try Yams.compose(yaml: recipe(".gitlab-ci.yml")))
    let lines = node[job]?["script"]?.sequence?.compactMap(\.string) ?? []
    let environment = Self.environment(node["variables"]).merging([
      "CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "1",
      "CI_MERGE_REQUEST_IID": "3", "GITLAB_TOKEN": "glpat-stub",
      "CI_PIPELINE_URL": "https://gitlab.example/acme/databases/-/pipelines/9",
    ]) { $1 }
    let (status, said) = try await run(
      lines.joined(separator: "\n"), stubs: stubs, environment: environment)
    return try outcome(succeeded: status == 0, output: said, forge: "curl")
  }

  private func recipe(_ file: String) throws -> String {
    let directory = CIRecipesTests.recipesDirectory
    let path = file.hasPrefix(".gitlab") ? file : ".github/workflows/" + file
    return try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
  }

  private func outcome(succeeded: Bool, output: String, forge: String) throws -> Outcome {
    func calls(_ name: String) -> [String] {
      let text = (try? String(contentsOf: scratch.file("log/" + name), encoding: .utf8)) ?? ""
      return text.components(separatedBy: "\u{1E}\n").filter { !$0.isEmpty }
    }
    return Outcome(
      succeeded: succeeded, output: output, forgeCalls: calls(forge),
      dooordbCalls: calls("dooordb"))
  }

  /// A job's `env:`/`variables:` with `${{ ... }}` expressions given test values.
  static func environment(
    _ node: Node?, outputs: [String: [String: String]] = [:]
  ) -> [String: String] {
    var expressions = [
      "secrets.DOOOR_API_KEY": "dor_sk_stub", "github.token": "ghs_stub",
      "github.event.pull_request.number": "7",
      "github.server_url": "https://github.com", "github.repository": "acme/databases",
      "github.run_id": "99",
    ]
    for (step, values) in outputs {
      for (name, value) in values { expressions["steps.\(step).outputs.\(name)"] = value }
    }
    var environment: [String: String] = [:]
    for (key, value) in node?.mapping ?? [:] {
      guard let name = key.string, var text = value.string else { continue }
      while let open = text.range(of: "${{"), let close = text.range(of: "}}") {
        let expression = text[open.upperBound..<close.lowerBound]
          .trimmingCharacters(in: .whitespaces)
        text.replaceSubrange(
          open.lowerBound..<close.upperBound, with: expressions[expression] ?? "")
      }
      environment[name] = text
    }
    return environment
  }

  /// `steps.ID.outputs.NAME == 'VALUE'` (or `!=`), joined by `||`: the conditions the
  /// recipes use; anything else is a test failure, not a guess.
  static func holds(_ condition: String, outputs: [String: [String: String]]) -> Bool {
    condition.components(separatedBy: "||").contains { part in
      let equal = part.contains("==")
      let sides = part.components(separatedBy: equal ? "==" : "!=").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let path = sides[0].split(separator: ".")
      precondition(sides.count == 2 && path.count == 4 && path[0] == "steps", part)
      let actual = outputs[String(path[1])]?[String(path[3])] ?? ""
      let expected = sides[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
      return (actual == expected) == equal
    }
  }

  /// `script` under `bash -eo pipefail` in the work folder, stubs first on PATH.
  private func run(_ script: String, stubs: Stubs, environment: [String: String])
    async throws -> (Int32, String)
  {
    var path = Self.stubs.forge.path
    if stubs.dooordbExit != nil { path = Self.stubs.dooordb.path + ":" + path }
    let scriptFile = scratch.file("step.sh")
    try Data(script.utf8).write(to: scriptFile)
    return try await BashScript.run(
      ["-eo", "pipefail", scriptFile.path], in: scratch.file("work"),
      environment: environment.merging([
        "PATH": path + ":/usr/bin:/bin", "HOME": scratch.url.path,
        "STUB_LOG": scratch.file("log").path, "STUB_LISTING": stubs.listing,
        "STUB_EXIT": String(stubs.dooordbExit ?? 127), "STUB_SILENT": stubs.silent ? "1" : "",
      ]) { $1 })
  }

  /// The stub folders, written once per test run: `gh` and `curl` in one, `dooordb` in the
  /// other, left off PATH to play a missing binary. Written before any test runs them and
  /// never again, with close-on-exec descriptors, so no process started meanwhile can hold
  /// one open for writing (exec would fail with "Text file busy").
  static let stubRoot = FileManager.default.temporaryDirectory.appendingPathComponent(
    "dooordb-ci-stubs-\(UUID().uuidString)")

  static let stubs: (forge: URL, dooordb: URL) = {
    let root = stubRoot
    // Gone when the test process ends, whichever test wrote it.
    atexit { try? FileManager.default.removeItem(at: RecipeRunner.stubRoot) }
    let forge = root.appendingPathComponent("forge")
    let dooordb = root.appendingPathComponent("dooordb")
    for (directory, files) in [
      (forge, ["gh": forgeStub, "curl": forgeStub]), (dooordb, ["dooordb": dooordbStub]),
    ] {
      try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for (name, text) in files {
        let descriptor = open(
          directory.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
          0o755)
        precondition(descriptor >= 0, "cannot write the \(name) stub")
        let bytes = Array(text.utf8)
        precondition(write(descriptor, bytes, bytes.count) == bytes.count)
        close(descriptor)
      }
    }
    return (forge, dooordb)
  }()

  /// Records its arguments (and any `body=@FILE` it is given), answers a listing with
  /// `$STUB_LISTING` and a write with `{}`.
  static let forgeStub = """
    #!/bin/bash
    name=$(basename "$0")
    { printf '%s' "$*"; for a in "$@"; do case $a in body=@*) printf '\\n'; cat "${a#body=@}";; esac; done; printf '\\036\\n'; } >> "$STUB_LOG/$name"
    for a in "$@"; do case $a in -X) echo '{}'; exit 0;; esac; done
    printf '%s' "$STUB_LISTING"
    """

  /// dooordb as far as a recipe can tell: the documents it prints and the codes it exits with.
  static let dooordbStub = """
    #!/bin/bash
    printf '%s\\036\\n' "$*" >> "$STUB_LOG/dooordb"
    command=$1; format=text; previous=; detailed=
    for a in "$@"; do
      [ "$previous" = --format ] && format=$a
      [ "$a" = --detailed-exitcode ] && detailed=1
      previous=$a
    done
    code=$STUB_EXIT
    # plan exits 2 for changes only with --detailed-exitcode.
    [ "$code" = 2 ] && [ "$command" = plan ] && [ -z "$detailed" ] && code=0
    if [ -z "$STUB_SILENT" ] && [ "$format" = markdown ]; then
      case $code in
        0 | 2) printf '### dooordb %s\\n\\nstub report\\n' "$command" ;;
        1) printf '### dooordb %s\\n\\n> [!CAUTION]\\n> - error: stub failure\\n' "$command" ;;
      esac
    fi
    case $code in
      1) echo "error: stub failure" >&2 ;;
      64) echo "Error: Unknown option '--stub'" >&2 ;;
      130) echo "stub interrupted" >&2 ;;
    esac
    exit "$code"
    """
}
