import SluiceBytecode
import SluiceCompiler
import SluicePcap
import Testing

/// Large programs: libpcap's unoptimized code for the rule-list workload,
/// optimized, stays equivalent and the time grows about linearly.
@Suite struct OptimizerScalingTests {
    @Test func ruleListsOptimizeInNearLinearTime() throws {
        var seconds: [Int: Double] = [:]
        for terms in [30, 300] {
            let program = try LibpcapOracle.compile(RuleListPrograms.expression(terms: terms), optimize: false)
            let clock = ContinuousClock()
            var result = program
            let elapsed = clock.measure { result = Optimizer.optimize(program) }
            seconds[terms] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print("rule list \(terms) terms: libpcap unopt \(program.count) -> \(result.count) instructions in \(elapsed)")
            #expect(result.count <= program.count)
            let packets = RuleListPrograms.packets(terms: terms)
            let problem = ProgramEquivalence.problem(program, result, packets: packets)
            #expect(problem == nil, "\(terms) terms: \(problem?.prefix(500) ?? "")")
        }
        if let small = seconds[30], let large = seconds[300] {
            // Ten times the terms; allow generous noise on a shared machine,
            // but a quadratic optimizer would take about 100 times as long.
            #expect(large < max(small, 0.002) * 40, "30 terms \(small) s, 300 terms \(large) s")
        }
    }
}
