import SluiceBytecode
import SluiceCompiler
import SluicePcap
import Testing

/// Large programs (past cBPF's 4096 instructions, as the rule-list
/// workload makes): optimized, they stay equivalent (checked with
/// libpcap's `bpf_filter`, which has no length limit) and the optimizer's
/// time grows about linearly with the program.
@Suite struct OptimizerScalingTests {
    /// Optimizes `programs[terms]`, checks each result, and compares the
    /// times of the smallest and largest.
    func check(_ programs: [Int: Program], label: String) throws {
        var seconds: [Int: Double] = [:]
        for (terms, program) in programs.sorted(by: { $0.key < $1.key }) {
            let clock = ContinuousClock()
            var result = program
            let elapsed = clock.measure { result = Optimizer.optimize(program) }
            seconds[terms] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print("\(label) \(terms) terms: \(program.count) -> \(result.count) instructions in \(elapsed)")
            #expect(result.count <= program.count)
            let before = try LibpcapProgram(program), after = try LibpcapProgram(result)
            for packet in RuleListPrograms.packets(terms: terms) {
                #expect(after.filter(packet: packet.data, wireLength: packet.wireLength)
                        == before.filter(packet: packet.data, wireLength: packet.wireLength),
                        "\(label) \(terms) terms differ on \(packet.data)")
            }
        }
        let sizes = programs.keys.sorted()
        if let small = sizes.first, let large = sizes.last, let t0 = seconds[small], let t1 = seconds[large] {
            // Ten times the terms; a quadratic optimizer would take about 100
            // times as long. Generous for noise on a shared machine.
            #expect(t1 < max(t0, 0.002) * Double(large / small) * 4, "\(small) terms \(t0) s, \(large) terms \(t1) s")
        }
    }

    @Test func libpcapRuleListsOptimizeInNearLinearTime() throws {
        var programs: [Int: Program] = [:]
        for terms in [30, 300] {
            programs[terms] = try LibpcapOracle.compile(RuleListPrograms.expression(terms: terms), optimize: false)
        }
        try check(programs, label: "libpcap unopt rule list")
    }

    /// The code generator's own output, which is what the product optimizes.
    @Test func compiledRuleListsOptimizeInNearLinearTime() throws {
        var programs: [Int: Program] = [:]
        for terms in [100, 1000] {
            let filter = try FilterParser.parse(RuleListPrograms.expression(terms: terms))
            programs[terms] = try CBPFCodeGenerator.generate(filter, acceptValue: 262_144).program
        }
        try check(programs, label: "generated rule list")
    }
}
