// swift-tools-version: 6.1
// Benchmarks live in their own package so `swift test` never builds them.
// Run: swift package --package-path Benchmarks benchmark
import PackageDescription

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark"),
    .product(name: "Sluice", package: "Sluice"),
]

let package = Package(
    name: "SluiceBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Sluice", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(name: "InterpreterBenchmarks", dependencies: benchmarkDependencies,
                          path: "Benchmarks/InterpreterBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(name: "CompilerBenchmarks", dependencies: benchmarkDependencies,
                          path: "Benchmarks/CompilerBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(name: "XDPBenchmarks", dependencies: benchmarkDependencies,
                          path: "Benchmarks/XDPBenchmarks", exclude: ["C"],
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
