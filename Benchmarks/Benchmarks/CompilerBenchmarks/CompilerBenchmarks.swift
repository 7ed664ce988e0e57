import Benchmark
import CompilerWorkload
import Sluice

// Compile speed on the rule-list workload of issue 3:
// `not ((host A1 and port P1) or …)` with 100, 1,000 and 10,000 terms
// through Sluice (text to IR, to cBPF, FilterCompiler.compile, and text to
// IR to eBPF for XDP), against libpcap's pcap_compile (optimizing, as
// tcpdump does) at 100 and 1,000 terms in the same run. Run:
//   swift package --package-path Benchmarks benchmark --target CompilerBenchmarks
// Results and the reading of them: docs/benchmarks-compiler.md.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(5), maxIterations: 20)

    for terms in [100, 1000, 10_000] {
        let expression = ruleList(terms: terms)
        Benchmark("Sluice text to IR \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try FilterParser.parse(expression))
            }
        }
        Benchmark("Sluice text to cBPF, unoptimized \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try generateBytecode(expression))
            }
        }
        // 100 terms: verified, optimized cBPF. 1,000 and more: the clear
        // "too long for cBPF, use the XDP path" error, which must come quickly.
        Benchmark("Sluice FilterCompiler.compile \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? FilterCompiler.compile(expression))
            }
        }
        // Only where XDPCodeGenerator succeeds: a failure would be timed as if it were a result.
        do {
            _ = try compileToXDP(expression)
            Benchmark("Sluice text to IR to eBPF (XDP) \(terms) terms") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try compileToXDP(expression))
                }
            }
        } catch {
            print("XDPCodeGenerator fails at \(terms) terms, no benchmark: \(error)")
        }
    }

    for terms in [100, 1000] {
        let expression = ruleList(terms: terms)
        Benchmark("libpcap pcap_compile \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try LibpcapOracle.compile(expression))
            }
        }
    }
}
