// swift-tools-version: 6.2
import PackageDescription

// A separate package so the fuzzer's sanitizer flags never reach the main build, and so it
// builds only the core and Yams (the HTTP stack of the root package is never compiled here).
let package = Package(
  name: "ManifestFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "dooordb", path: "..")],
  targets: [
    // SwiftPM links an executable with `main` renamed to `ManifestFuzzer_main`, which
    // `-parse-as-library` never emits: that function hands over to libFuzzer's driver here.
    .target(name: "FuzzerDriver"),
    .executableTarget(
      name: "ManifestFuzzer",
      dependencies: ["FuzzerDriver", .product(name: "DooorCore", package: "dooordb")],
      swiftSettings: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
