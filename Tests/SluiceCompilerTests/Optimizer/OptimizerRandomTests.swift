import SluiceBytecode
import SluiceCompiler
import Testing

/// Random verifiable programs stay equivalent on random packets, with all
/// passes and with each pass alone, and never grow.
@Suite struct OptimizerRandomTests {
    static let passSets: [(String, OptimizerPasses)] = [
        ("all", .all), ("constantFolding", .constantFolding), ("redundantLoads", .redundantLoads),
        ("redundantTests", .redundantTests), ("jumpThreading", [.redundantTests, .jumpThreading]),
        ("deadCode", .deadCode), ("blockMerging", .blockMerging), ("testFusion", .testFusion), ("none", []),
    ]

    @Test(arguments: 0..<8)
    func randomProgramsStayEquivalent(chunk: Int) {
        var random = SeededGenerator(state: 0x511CE + UInt64(chunk))
        let packets = (0..<48).map { _ in RandomPrograms.packet(&random) }
        for _ in 0..<250 {
            let program = RandomPrograms.program(&random)
            for (name, passes) in Self.passSets {
                let optimized = Optimizer.optimize(program, passes: passes)
                #expect(optimized.count <= program.count)
                if let problem = ProgramEquivalence.problem(program, optimized, packets: packets) {
                    Issue.record("passes \(name): \(problem)")
                    return
                }
            }
        }
    }
}
