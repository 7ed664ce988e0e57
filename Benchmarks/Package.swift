// swift-tools-version: 6.1
// Benchmarks live in their own package so `swift test` never builds them.
// Run: swift package --package-path Benchmarks benchmark
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, so name the checkout's
// folder (whatever the clone is called) rather than assume "Sluice".
let sluicePackage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark"),
    .product(name: "Sluice", package: sluicePackage),
]

let package = Package(
    name: "SluiceBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "InterpreterWorkload", dependencies: [.product(name: "Sluice", package: sluicePackage)],
                path: "Benchmarks/InterpreterWorkload"),
        .executableTarget(name: "InterpreterBenchmarks", dependencies: benchmarkDependencies + ["InterpreterWorkload"],
                          path: "Benchmarks/InterpreterBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Instruction counts under callgrind (scripts/interpreter-instruction-counts.sh);
        // no Benchmark dependency, so no malloc interposer for valgrind to trip on.
        .executableTarget(name: "InterpreterCounts", dependencies: ["InterpreterWorkload"],
                          path: "Benchmarks/InterpreterCounts"),
        .target(name: "CompilerWorkload", dependencies: [.product(name: "Sluice", package: sluicePackage)],
                path: "Benchmarks/CompilerWorkload"),
        // Instruction counts of the compile pipelines (scripts/compiler-instruction-counts.sh).
        .executableTarget(name: "CompilerCounts", dependencies: ["CompilerWorkload"],
                          path: "Benchmarks/CompilerCounts"),
        .executableTarget(name: "CompilerBenchmarks", dependencies: benchmarkDependencies + ["CompilerWorkload"],
                          path: "Benchmarks/CompilerBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(name: "XDPBenchmarks", dependencies: benchmarkDependencies,
                          path: "Benchmarks/XDPBenchmarks", exclude: ["C"],
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
