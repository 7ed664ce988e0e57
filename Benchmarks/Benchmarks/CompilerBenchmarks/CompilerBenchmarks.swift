import Benchmark
import Sluice

// Compile speed on the rule-list workload of issue 3:
// `not ((host A1 and port P1) or …)` with 100, 1,000 and 10,000 terms
// through Sluice, against libpcap's pcap_compile (optimizing, as tcpdump
// does) at 100 and 1,000 terms in the same run. Run:
//   swift package --package-path Benchmarks benchmark --target CompilerBenchmarks
// Results and the reading of them: docs/benchmarks-compiler.md.

/// The rule-list expression with `count` terms (10.x.y.1, ports from 1024).
func ruleList(terms count: Int) -> String {
    let terms = (0..<count).map { index in
        "(host 10.\(index / 250 % 250).\(index % 250).1 and port \(1024 + index % 60000))"
    }
    return "not (" + terms.joined(separator: " or ") + ")"
}

/// Parse, generate cBPF and optimize it: the whole cBPF pipeline, measured
/// without the final 4,096-instruction check (which refuses rule lists of
/// 1,000 terms and more for cBPF; they go to eBPF/XDP).
func compileToBytecode(_ expression: String) throws -> Program {
    let filter = try FilterParser.parse(expression)
    let generated = try CBPFCodeGenerator.generate(filter, acceptValue: 262_144).program
    return Optimizer.optimize(generated)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(5), maxIterations: 20)

    for terms in [100, 1000, 10_000] {
        let expression = ruleList(terms: terms)
        Benchmark("Sluice parse \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try FilterParser.parse(expression))
            }
        }
        Benchmark("Sluice parse+codegen+optimize \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try compileToBytecode(expression))
            }
        }
        Benchmark("Sluice FilterCompiler.compile \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                // Past 4,096 instructions this ends in the clear cBPF error.
                blackHole(try? FilterCompiler.compile(expression))
            }
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
