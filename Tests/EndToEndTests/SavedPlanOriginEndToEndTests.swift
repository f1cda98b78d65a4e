import Foundation
import Testing

/// A saved plan is bound to where it was made (CONTRACT §10): `apply --plan` refuses one made
/// for another API URL, by a dooordb of another series, or, with `--plan-max-age`, longer ago
/// than that; each refusal is one line naming the file and what differs, exits 1 and applies
/// nothing. Old plans are written by editing the recorded time and resealing the checksum, as
/// an editor who knows the format would: no test waits for a plan to age.
@Suite(.timeLimit(.minutes(1))) struct SavedPlanOriginEndToEndTests {
  static func refusalLines(_ result: BoundedDooordb.Result) -> [Substring] {
    result.stderr.split(separator: "\n").filter { $0.contains("the saved plan plan.json") }
  }

  @Test func recordsWhereAndWhenItWasMade() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(try run.text.utf8)) as? [String: Any])
    let origin = try #require(document["origin"] as? [String: Any])
    #expect(origin["apiURL"] as? String == run.server.url)
    #expect(origin["workspaces"] as? [String] == ["acme"])
    #expect((origin["dooordbVersion"] as? String)?.isEmpty == false)
    let createdAt = try #require(origin["createdAt"] as? String)
    let made = try #require(try? Date.ISO8601FormatStyle().parse(createdAt))
    #expect(abs(made.timeIntervalSinceNow) < 300)
  }

  @Test func aFreshPlanForThisAPIIsAccepted() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    // Written with a trailing slash, the same API root.
    let applied = try await run.apply(
      ["--plan-max-age", "1h"], environment: ["DOOOR_API_URL": run.server.url + "/"])
    // The scripted API refuses the PATCH: reaching it shows the plan was accepted.
    #expect(run.reachedThePatch, "\(applied.stderr)")
    #expect(Self.refusalLines(applied).isEmpty, "\(applied.stderr)")
  }

  @Test func aPlanForAnotherAPIIsRefused() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    let other = try SavedPlanRun.server()
    defer { other.stop() }
    let applied = try await run.apply(environment: ["DOOOR_API_URL": other.url])
    #expect(applied.exitCode == 1)
    let lines = Self.refusalLines(applied)
    #expect(lines.count == 1, "\(applied.stderr)")
    #expect(
      lines.first?.contains("made for the API at \(run.server.url), not \(other.url)") == true,
      "\(applied.stderr)")
    #expect(other.requests.isEmpty && run.changedNothing)
  }

  @Test func aPlanByAnIncompatibleVersionIsRefused() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    try await run.reseal {
      $0.replacing(/"dooordbVersion": "[^"]*"/, with: #""dooordbVersion": "7.0.0""#)
    }
    let applied = try await run.apply()
    #expect(applied.exitCode == 1)
    let lines = Self.refusalLines(applied)
    #expect(lines.count == 1, "\(applied.stderr)")
    #expect(lines.first?.contains("made by dooordb 7.0.0") == true, "\(applied.stderr)")
    #expect(run.changedNothing)
  }

  @Test func aPlanOlderThanTheMaximumAgeIsRefused() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    try await run.reseal {
      $0.replacing(/"createdAt": "[^"]*"/, with: #""createdAt": "2020-01-01T00:00:00Z""#)
    }
    let applied = try await run.apply(["--plan-max-age", "1h"])
    #expect(applied.exitCode == 1)
    let lines = Self.refusalLines(applied)
    #expect(lines.count == 1, "\(applied.stderr)")
    #expect(
      lines.first?.contains("made at 2020-01-01T00:00:00Z") == true
        && lines.first?.contains("older than --plan-max-age 1h") == true, "\(applied.stderr)")
    #expect(run.changedNothing)
    // Without a maximum age, its age alone is no reason to refuse it.
    let unbounded = try await run.apply()
    #expect(Self.refusalLines(unbounded).isEmpty, "\(unbounded.stderr)")
    #expect(run.reachedThePatch)
  }

  @Test func aPlanWithoutAnOriginIsRefused() async throws {
    let run = try await SavedPlanRun.planned()
    defer { run.stop() }
    try await run.reseal { text in
      // The four lines of the origin object and its braces, as an older dooordb wrote it.
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      guard let start = lines.firstIndex(where: { $0.hasPrefix("  \"origin\": {") }),
        let end = lines[start...].firstIndex(where: { $0 == "  }," })
      else { return text }
      lines.removeSubrange(start...end)
      return lines.joined(separator: "\n")
    }
    let applied = try await run.apply()
    #expect(applied.exitCode == 1)
    #expect(
      Self.refusalLines(applied).first?.contains("does not record where it was made") == true,
      "\(applied.stderr)")
    #expect(run.changedNothing)
  }

  /// The embedded API listens on another port each run: a `--local` plan is bound to its state
  /// file, so it applies with `--local` in the same folder and nowhere else.
  @Test func aLocalPlanIsBoundToItsStateFile() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(
      "demo.yaml",
      """
      workspace: demo
      databases:
        - slug: cache
          name: Cache
          engine: redis
      """)
    let local = ["--local", "--local-engines", "simulated"]
    let planned = try await BoundedDooordb(
      ["plan", "demo.yaml", "--out", "plan.json"] + local, in: scratch.url,
      environment: ["NO_COLOR": "1"]
    ).wait()
    #expect(planned.exitCode == 0, "\(planned.stderr)")
    let text = try String(contentsOf: scratch.file("plan.json"), encoding: .utf8)
    #expect(text.contains(#"/.dooordb/local-state.json","#), "\(text.prefix(400))")
    #expect(text.contains(#""apiURL": "local:/"#), "\(text.prefix(400))")

    let elsewhere = try await BoundedDooordb(
      ["apply", "--plan", "plan.json"], in: scratch.url,
      environment: [
        "DOOOR_API_URL": "http://127.0.0.1:1/api/v1", "DOOOR_API_KEY": "dor_sk_x", "NO_COLOR": "1",
      ]
    ).wait()
    #expect(elsewhere.exitCode == 1)
    #expect(
      Self.refusalLines(elsewhere).first?.contains("made for the API at local:/") == true,
      "\(elsewhere.stderr)")

    let applied = try await BoundedDooordb(
      ["apply", "--plan", "plan.json"] + local, in: scratch.url, environment: ["NO_COLOR": "1"]
    ).wait()
    #expect(applied.exitCode == 0, "\(applied.stdout)\n\(applied.stderr)")
  }

  @Test(arguments: ["soon", "10", "-1h"])
  func aBadMaximumAgeIsAUsageError(_ value: String) async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let applied = try await BoundedDooordb(
      ["apply", "--plan", "plan.json", "--plan-max-age", value], in: scratch.url,
      environment: ["NO_COLOR": "1"]
    ).wait()
    #expect(applied.exitCode == 64, "\(applied.stderr)")
    #expect(applied.stderr.contains("--plan-max-age"), "\(applied.stderr)")
  }

  @Test func aMaximumAgeWithoutAPlanIsAUsageError() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let applied = try await BoundedDooordb(
      ["apply", "--plan-max-age", "1h"], in: scratch.url, environment: ["NO_COLOR": "1"]
    ).wait()
    #expect(applied.exitCode == 64, "\(applied.stderr)")
  }
}
