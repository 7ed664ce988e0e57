import SluiceBytecode
import SluiceCompiler
import SluiceVerifier
import Testing

/// The optimizer's own output must pass the verifier: `FilterCompiler`
/// falls back to the generated program when it does not, which would hide
/// an optimizer bug, so these tests call `Optimizer.optimize` directly.
@Suite struct OptimizedProgramsVerifyTests {
    /// Optimizes the generated program for `expression`; the result must
    /// verify and agree with the generated program on the sampled packets.
    func check(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let generated = try FilterCompiler.compile(expression, options: CompileOptions(optimize: false)).program.program
        let optimized = Optimizer.optimize(generated)
        #expect(throws: Never.self, "optimized `\(expression)` does not verify", sourceLocation: sourceLocation) {
            _ = try Verifier.verify(optimized)
        }
        let problem = ProgramEquivalence.problem(generated, optimized, packets: OptimizerPassTests.packets + CaptureSample.packets)
        #expect(problem == nil, "`\(expression)`: \(problem ?? "")", sourceLocation: sourceLocation)
    }

    /// Fuzz finding 5 (docs/fuzzing.md): a path read M[0] after the
    /// optimizer had dropped the tunnel code's store on it.
    @Test func tunnelStoreFoundByFuzzingStaysOnEveryPath() throws {
        try check("net 192.168.0.0/16 and len >= udp[44:4] and geneve or vlan 32 and vlan and vlan 9 and ip and ip")
    }

    /// Tunnel primitives after other code that uses the scratch words.
    @Test(arguments: [
        "len >= udp[44:4] and geneve and ip",
        "len >= udp[44:4] and vxlan and ip",
        "udp[8:4] = 1 and geneve or vlan and ip",
        "geneve and vlan 32 or vxlan and ip",
        "(geneve or vxlan) and (vlan or ip) and tcp",
        "geneve and geneve and ip",
    ])
    func tunnelFiltersVerifyAfterOptimizing(expression: String) throws {
        try check(expression)
    }
}
