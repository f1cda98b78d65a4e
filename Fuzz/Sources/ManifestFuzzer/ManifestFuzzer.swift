import DooorCore
import FuzzerDriver

/// The program's entry point as SwiftPM names it on Linux: runs libFuzzer's usual main loop.
@_cdecl("ManifestFuzzer_main")
public func manifestFuzzerMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
    guard let data else { return 0 }
    return manifestFuzzerTestOneInput(data, size)
  }
}

/// libFuzzer's entry point: one input, read as a manifest file and as a saved plan.
///
/// Checks what must hold for every input, however broken: loading returns (no crash, no hang),
/// every diagnostic is placed at a line and column of the file, a rejected input has at least
/// one error, the same bytes always give the same result, and the reports render; a valid
/// manifest plans soundly against a remote state made from the same bytes (`PlanInvariants`);
/// and whatever the saved-plan decoder accepts reads back the same.
/// A broken invariant traps, which libFuzzer records as a crash with the input that caused it.
@_cdecl("LLVMFuzzerTestOneInput")
public func manifestFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  // The command line refuses files that are not UTF-8; the core still gets whatever a lossy
  // decoding makes of them here, which covers the stray replacement characters too.
  let text = String(decoding: bytes, as: UTF8.self)
  if let desired = ManifestInvariants.check(text) {
    PlanInvariants.check(desired, bytes: bytes)
  }
  PlanInvariants.checkSavedPlan(text)
  return 0
}

enum ManifestInvariants {
  /// Says what broke (release builds drop `precondition` messages), then traps for libFuzzer.
  static func fail(_ message: String) -> Never {
    print("invariant broken: \(message)")
    fatalError(message)
  }

  static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
  }

  static let environment = ["DOOOR_WORKSPACE": "fuzz", "EMPTY": "", "SPACES": "a b"]

  /// The desired state when the manifest is valid.
  static func check(_ text: String) -> DesiredState? {
    let sources = [ManifestSource(path: "fuzz.yaml", text: text)]
    let result = ManifestLoader.load(sources, environment: environment)
    for diagnostic in result.diagnostics {
      guard let location = diagnostic.location else {
        fail("a diagnostic without a position: \(diagnostic.message)")
      }
      check(location.file == "fuzz.yaml", "a diagnostic names another file: \(diagnostic)")
      check(location.line >= 1 && location.column >= 1, "bad position: \(diagnostic)")
    }
    if !result.isValid {
      check(!result.errors.isEmpty, "rejected without an error")
    }
    let again = ManifestLoader.load(sources, environment: environment)
    if again != result {
      fail(
        "loading the same bytes twice gave different results:\n\(result.diagnostics)\n"
          + "\(again.diagnostics)\n\(result.desired)\n\(again.desired)")
    }
    _ = ValidationReport.json(of: result)
    if result.isValid {
      _ = ValidationReport.summary(of: result.desired)
      return result.desired
    }
    _ = ValidationReport.errorLines(of: result)
    return nil
  }
}
