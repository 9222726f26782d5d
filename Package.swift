// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "datapakke",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "datapakke", targets: ["datapakke"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The C library, found through pkg-config (Debian: libxlsxwriter-dev).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev"])]
        ),
        // The only module that touches C.
        .target(name: "XLSXWriter", dependencies: ["CXLSXWriter"]),
        // Pure Swift: definitions, loading, aggregation, suppression, comparison, report model.
        .target(name: "DatapakkeCore", dependencies: ["Yams"]),
        // Workbook, prompts and download page: read the report model only, never the raw inputs.
        .target(
            name: "DatapakkeRenderers",
            dependencies: [
                "DatapakkeCore", "XLSXWriter",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The pipeline: project layout, load → figures → reports → render → write; the manifest,
        // incremental decisions, diff, atomic writing, hashing and file-system errors in Danish.
        .target(
            name: "DatapakkeBuild",
            dependencies: [
                "DatapakkeCore", "DatapakkeRenderers",
                // SHA-256 of inputs and written files, for the manifest and incremental rebuilds.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The command line: option declarations, one library call, reporting.
        .executableTarget(
            name: "datapakke",
            dependencies: [
                "DatapakkeBuild",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by every test target: package root, self-cleaning temporary folder, process runner.
        .target(name: "DatapakkeTestSupport", dependencies: ["DatapakkeCore"], path: "Tests/DatapakkeTestSupport"),
        .testTarget(
            name: "XLSXWriterTests",
            dependencies: ["XLSXWriter", "DatapakkeTestSupport"]
        ),
        .testTarget(
            name: "DatapakkeCoreTests",
            dependencies: [
                "DatapakkeCore", "DatapakkeTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // The PHStatsMethods oracle is run by the tests as a program, not bundled.
            exclude: ["Oracles"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DatapakkeRenderersTests",
            // DatapakkeBuild: the disclosure tests attack what the command's own pipeline writes (manifest included).
            dependencies: ["DatapakkeRenderers", "DatapakkeCore", "DatapakkeBuild", "DatapakkeTestSupport"],
            // The Python readers are run by the tests as programs, not bundled.
            exclude: ["Readers", "Browser"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DatapakkeBuildTests",
            dependencies: [
                "DatapakkeBuild", "DatapakkeRenderers", "DatapakkeCore", "DatapakkeTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["DatapakkeCore", "DatapakkeTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
