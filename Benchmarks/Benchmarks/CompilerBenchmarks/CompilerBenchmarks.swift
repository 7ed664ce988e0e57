import Benchmark
import Sluice

// Compile speed on the rule-list workload of issue 3:
// `not ((host A1 and port P1) or …)` with 100, 1,000 and 10,000 terms,
// against libpcap's pcap_compile (optimizing, as tcpdump does) at 100 and
// 1,000 terms in the same run, and the bytecode optimizer alone on
// libpcap's unoptimized code. Run:
//   swift package --package-path Benchmarks benchmark --target CompilerBenchmarks

/// The rule-list expression with `count` terms (10.x.y.1, ports from 1024).
func ruleList(terms count: Int) -> String {
    let terms = (0..<count).map { index in
        "(host 10.\(index / 250 % 250).\(index % 250).1 and port \(1024 + index % 60000))"
    }
    return "not (" + terms.joined(separator: " or ") + ")"
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 50)

    for terms in [100, 1000] {
        let expression = ruleList(terms: terms)
        Benchmark("pcap_compile \(terms) terms") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try LibpcapOracle.compile(expression))
            }
        }
    }

    for terms in [100, 1000] {
        let unoptimized = try? LibpcapOracle.compile(ruleList(terms: terms), optimize: false)
        Benchmark("Optimizer.optimize on pcap unopt \(terms) terms") { benchmark in
            guard let unoptimized else { return }
            for _ in benchmark.scaledIterations {
                blackHole(Optimizer.optimize(unoptimized))
            }
        }
    }
}
