import SluiceBytecode
import SluiceCompiler
import SluiceTestSupport
import Testing

/// The optimizer on libpcap's own unoptimized programs: every EN10MB accept
/// block's `unopt` program, optimized, must give the same result as the
/// original on every sampled Ethernet packet, and never be larger.
@Suite struct OptimizerLibpcapTests {
    @Test func unoptimizedProgramsStayEquivalentAndShrink() throws {
        let blocks = try AcceptPrograms.ethernet()
        let packets = CaptureSample.packets
        guard !blocks.isEmpty, !packets.isEmpty else { return }
        var ours = 0, libpcapOptimized = 0, unoptimized = 0, largerThanLibpcap: [String] = []
        for block in blocks {
            let result = Optimizer.optimize(block.unoptimized)
            #expect(result.count <= block.unoptimized.count, "\(block.name) grew")
            if let problem = ProgramEquivalence.problem(block.unoptimized, result, packets: packets) {
                Issue.record("\(block.name): \(problem)")
            }
            ours += result.count
            libpcapOptimized += block.optimized.count
            unoptimized += block.unoptimized.count
            if result.count > block.optimized.count {
                largerThanLibpcap.append("\(block.name) \(result.count)>\(block.optimized.count)")
            }
        }
        print("optimizer on libpcap unopt: \(blocks.count) programs, \(packets.count) packets; "
              + "unopt \(unoptimized) -> ours \(ours), libpcap opt \(libpcapOptimized)")
        print("larger than libpcap opt (\(largerThanLibpcap.count)): \(largerThanLibpcap.joined(separator: ", "))")
        #expect(ours <= unoptimized)
    }

    /// libpcap's optimized programs stay equivalent too (and do not grow).
    @Test func optimizedProgramsStayEquivalent() throws {
        let blocks = try AcceptPrograms.ethernet()
        let packets = CaptureSample.packets
        guard !blocks.isEmpty, !packets.isEmpty else { return }
        var before = 0, after = 0
        for block in blocks {
            let result = Optimizer.optimize(block.optimized)
            #expect(result.count <= block.optimized.count, "\(block.name) grew")
            before += block.optimized.count
            after += result.count
            if let problem = ProgramEquivalence.problem(block.optimized, result, packets: packets) {
                Issue.record("\(block.name): \(problem)")
            }
        }
        print("optimizer on libpcap opt: \(before) -> \(after)")
    }
}
