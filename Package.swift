// swift-tools-version: 6.1
// Sluice: a packet-filter engine. Targets follow the pipeline (DESIGN.md);
// dependencies point one way, down the pipeline.
import PackageDescription

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Sluice", targets: ["Sluice"]),
        .library(name: "SluiceTestSupport", targets: ["SluiceTestSupport"]),
        .executable(name: "sluice", targets: ["sluice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // C system libraries (apt: libbpf-dev, libelf-dev, libpcap-dev).
        .systemLibrary(name: "CBPF", pkgConfig: "libbpf",
                       providers: [.apt(["libbpf-dev", "libelf-dev"])]),
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap",
                       providers: [.apt(["libpcap-dev"])]),

        // The pipeline.
        .target(name: "SluiceBytecode"),
        .target(name: "SluiceVerifier", dependencies: ["SluiceBytecode"]),
        .target(name: "SluiceInterpreter", dependencies: ["SluiceBytecode", "SluiceVerifier"]),
        .target(name: "SluicePcap", dependencies: ["SluiceBytecode", "CPcap"]),
        .target(name: "SluiceTraffic"),
        .target(name: "SluiceCompiler", dependencies: ["SluiceBytecode", "SluiceVerifier"]),
        .target(name: "SluiceEBPF", dependencies: ["SluiceBytecode", "SluiceVerifier", "SluiceCompiler"]),
        .target(name: "SluiceKernel", dependencies: ["SluiceEBPF", "CBPF",
                                                     .product(name: "SystemPackage", package: "swift-system")]),
        .target(name: "Sluice", dependencies: [
            "SluiceBytecode", "SluiceVerifier", "SluiceInterpreter", "SluicePcap",
            "SluiceCompiler", "SluiceEBPF", "SluiceKernel", "SluiceTraffic",
        ]),

        // Command line: one subcommand per file in a library; the executable is tiny.
        .target(name: "SluiceCLI", dependencies: [
            "Sluice", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "sluice", dependencies: ["SluiceCLI"]),

        // Shared test data access and oracles, shipped for other projects' suites.
        .target(name: "SluiceTestSupport", dependencies: ["Sluice"]),

        // Fuzzing (docs/fuzzing.md): one executable per boundary; built with
        // -DFUZZING -sanitize=fuzzer they run libFuzzer, otherwise they replay files.
        .target(name: "CFuzzerDriver"),
        // Every module it imports is named, so a change to one rebuilds it
        // (through SluiceTestSupport alone, stale objects were linked).
        .target(name: "FuzzSupport", dependencies: [
            "SluiceTestSupport", "CFuzzerDriver", "SluiceBytecode", "SluiceVerifier", "SluiceInterpreter",
            "SluiceCompiler", "SluiceEBPF", "SluiceKernel",
        ]),
        .executableTarget(name: "FuzzCodec", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzInterpreter", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzCompiler", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzXDP", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzCorpusGenerator", dependencies: ["FuzzSupport"]),
        .testTarget(name: "SluiceFuzzRegressionTests", dependencies: ["FuzzSupport", "SluiceTestSupport"],
                    exclude: ["Inputs"]),

        .testTarget(name: "SluiceBytecodeTests", dependencies: [
            "SluiceBytecode", "SluiceTestSupport", "CPcap",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SluiceVerifierTests", dependencies: [
            "SluiceVerifier", "SluiceTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SluiceInterpreterTests", dependencies: [
            "SluiceInterpreter", "SluicePcap", "SluiceTestSupport",
        ]),
        .testTarget(name: "SluicePcapTests", dependencies: ["SluicePcap", "SluiceTestSupport"]),
        .testTarget(name: "SluiceCompilerTests", dependencies: [
            "SluiceCompiler", "SluiceInterpreter", "SluicePcap", "SluiceTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SluiceEBPFTests", dependencies: [
            "SluiceEBPF", "SluiceKernel", "SluiceInterpreter", "SluicePcap", "SluiceTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SluiceCLITests", dependencies: ["SluiceTestSupport"]),
        .testTarget(name: "SluiceTrafficTests", dependencies: ["SluiceTraffic", "SluicePcap", "SluiceTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
