import Benchmark
import Foundation
import Sluice

// ns per frame under BPF_PROG_TEST_RUN (repeat 1,000,000) for each filter:
// our generated eBPF, our cBPF translation, clang -O2 on hand-written C,
// and an empty XDP_PASS program as the floor; plus the kernel's
// verified_insns for each. Needs root. Run:
//   swift package --package-path Benchmarks benchmark --target XDPBenchmarks
let benchmarks: @Sendable () -> Void = {
    let repeatCount = 1_000_000
    let kernelNanoseconds = BenchmarkMetric.custom("kernel ns/frame", useScalingFactor: false)
    let verifiedInstructions = BenchmarkMetric.custom("verified_insns", useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [kernelNanoseconds, verifiedInstructions],
                                           warmupIterations: 2, maxDuration: .seconds(2), maxIterations: 25)
    let variants: [XDPVariant]
    do {
        variants = try XDPVariant.all()
    } catch {
        print("XDPBenchmarks: cannot prepare the programs (run as root): \(error)")
        return
    }
    for variant in variants {
        Benchmark("\(variant.filterName) [\(variant.kind)]") { benchmark in
            // The kernel's figure leaves out time the thread spent preempted,
            // which wall-clock time on a shared machine would not.
            let result = try variant.program.testRun(packet: variant.packet, repeat: repeatCount)
            benchmark.measurement(kernelNanoseconds, Int(result.duration.components.attoseconds / 1_000_000_000))
            benchmark.measurement(verifiedInstructions, Int(variant.verifiedInstructions))
        }
    }
}
