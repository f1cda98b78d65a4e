// swift-tools-version: 6.2
import PackageDescription

/// One list of settings for every target, so the whole package is held to the same rules.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "dooordb",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "dooordb", targets: ["dooordb"]),
    // For Fuzz/, which builds only the core (and Yams) to fuzz the manifest loader.
    .library(name: "DooorCore", targets: ["DooorCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
  ],
  targets: [
    // The pure core: manifests → model → diff → plan. No I/O, no clock, no network.
    .target(
      name: "DooorCore",
      dependencies: [.product(name: "Yams", package: "Yams")],
      swiftSettings: strictSettings
    ),
    // The Dooor API's real HTTP implementation, of the core's `DatabaseAPI`.
    .target(
      name: "DooorAPI",
      dependencies: [
        "DooorCore",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        // Its connection errors, classified by type and errno rather than by their text.
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings
    ),
    // posix_spawn's session and close-from features, which Swift's Glibc module hides.
    .target(name: "CEngineSpawn"),
    // The local Dooor API (CONTRACT §6, §7): a Hummingbird router over simulated or real engines.
    .target(
      name: "DooorLocalAPI",
      dependencies: [
        "DooorCore", "CEngineSpawn",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      swiftSettings: strictSettings
    ),
    // Apply: runs a plan against the API as a dependency graph, waiting on an injected clock.
    // It sees the API only through the core's `DatabaseAPI`: it does not link the HTTP stack.
    .target(
      name: "DooorEngine",
      dependencies: ["DooorCore"],
      swiftSettings: strictSettings
    ),
    // The command-line surface: flags, terminal, files; calls the core and renders.
    .target(
      name: "DooorCLI",
      dependencies: [
        "DooorCore", "DooorAPI", "DooorLocalAPI", "DooorEngine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // `reconcile`: its metrics, served for Prometheus, and its structured log.
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "dooordb",
      dependencies: ["DooorCLI"],
      swiftSettings: strictSettings
    ),
    // What tests share, never shipped: the one virtual clock and the one golden-file helper.
    .target(
      name: "DooorTestSupport",
      path: "Tests/DooorTestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "DooorCoreTests",
      dependencies: [
        "DooorCore", "DooorTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      // Read at run time through paths from #filePath, never bundled as resources.
      exclude: ["Fixtures", "Golden"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "DooorAPITests",
      dependencies: [
        "DooorCore", "DooorAPI", "DooorLocalAPI", .product(name: "Yams", package: "Yams"),
        // The real client under apply's steps: retries within --timeout.
        "DooorEngine", "DooorTestSupport",
        // The local API's router run in-process, as Hummingbird's own tests do.
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        // For a TLS server with a certificate nobody trusts.
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      // Read at run time through paths from #filePath, never bundled as resources.
      exclude: ["Fixtures"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "DooorEngineTests",
      dependencies: ["DooorCore", "DooorAPI", "DooorEngine", "DooorTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "DooorCore", "DooorLocalAPI", "DooorTestSupport", "dooordb",
        .product(name: "Yams", package: "Yams"),
      ],
      // Read at run time through paths from #filePath, never bundled as resources.
      exclude: ["Golden"],
      swiftSettings: strictSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)
