// swift-tools-version: 6.2
import PackageDescription

/// Settings every first-party target shares: Swift 6 mode with complete checking is the default for
/// tools-version 6; these add the upcoming features STYLE.md relies on.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),  // SE-0335
  .enableUpcomingFeature("InternalImportsByDefault"),  // SE-0409: C stays internal
  .enableUpcomingFeature("MemberImportVisibility"),  // SE-0444
]

let package = Package(
  name: "assist",
  platforms: [.macOS(.v15)],
  products: [.executable(name: "assist", targets: ["assist"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
  ],
  targets: [
    // C libraries: module maps and shims only.
    .systemLibrary(
      name: "CGit2", pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),

    // Swift faces of the C libraries.
    .target(
      name: "Git", dependencies: ["CGit2"], exclude: ["README.md"], swiftSettings: swiftSettings),
    .target(
      name: "HTTP", dependencies: ["CCurl"], exclude: ["README.md"], swiftSettings: swiftSettings),

    // The orchestrator and the command line.
    .target(
      name: "AssistKit",
      dependencies: [
        "Git", "HTTP",
        .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      exclude: ["README.md", "Context/README.md", "Migration/README.md"],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "assist",
      dependencies: [
        "AssistKit", "Git", "HTTP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"],
      swiftSettings: swiftSettings),

    // Test support and tests.
    .target(
      name: "AssistTesting", dependencies: ["AssistKit", "Git", "HTTP"], exclude: ["README.md"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "GitTests", dependencies: ["Git", "AssistTesting"], swiftSettings: swiftSettings),
    .testTarget(
      name: "HTTPTests", dependencies: ["HTTP", "AssistTesting"], swiftSettings: swiftSettings),
    .testTarget(
      name: "AssistKitTests",
      dependencies: ["AssistKit", "AssistTesting", .product(name: "GRDB", package: "GRDB.swift")],
      resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
    .testTarget(
      name: "CommandTests",
      dependencies: [
        "assist", "AssistTesting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ], swiftSettings: swiftSettings),
    // End-to-end: the built `assist` binary against the real bundled llama.cpp server and models.
    // Gated by ASSIST_E2E=1 (set by scripts/test after scripts/setup has fetched the models).
    .testTarget(
      name: "EndToEndTests", dependencies: ["AssistKit", "AssistTesting"],
      swiftSettings: swiftSettings),
  ]
)
