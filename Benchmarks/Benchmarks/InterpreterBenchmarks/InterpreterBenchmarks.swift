import Benchmark
import Foundation
import InterpreterWorkload
import Sluice

// ns per packet of Sluice's interpreter against libpcap's bpf_filter, same
// process, same programs, same packets (tcpdump's CURATED-REALWORLD
// captures). Run: swift package --package-path Benchmarks benchmark --target InterpreterBenchmarks
// The table and how to read it: docs/benchmarks-interpreter.md.
let benchmarks: @Sendable () -> Void = {
    let workload: Workload
    do {
        workload = try Workload.load()
    } catch {
        print("InterpreterBenchmarks: cannot set up: \(error)")
        return
    }
    print("InterpreterBenchmarks: \(workload.packets.count) packets from \(workload.captureCount) captures")
    let perPacket = BenchmarkMetric.custom("ps/packet", polarity: .prefersSmaller, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuUser, .mallocCountTotal, perPacket], units: [perPacket: .count],
        warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 400)

    for row in workload.rows {
        Benchmark("\(row.name) | sluice") { benchmark in
            var matched = 0
            let elapsed = workload.packets.timeEachPass(benchmark) { packet, wireLength in
                if row.sluice.run(packet: packet, wireLength: wireLength) != 0 { matched &+= 1 }
            }
            benchmark.measurement(perPacket, elapsed)
            blackHole(matched)
        }
        Benchmark("\(row.name) | bpf_filter") { benchmark in
            var matched = 0
            let elapsed = workload.packets.timeEachPass(benchmark) { packet, wireLength in
                if row.libpcap.filter(packet: packet, wireLength: wireLength) != 0 { matched &+= 1 }
            }
            benchmark.measurement(perPacket, elapsed)
            blackHole(matched)
        }
    }
}
