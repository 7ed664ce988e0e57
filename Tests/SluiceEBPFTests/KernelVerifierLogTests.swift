import SluiceKernel
import Testing

/// Parsing the kernel verifier's log (no kernel needed).
@Suite("Kernel verifier log")
struct KernelVerifierLogTests {
    static let log = """
        func#0 @0
        0: R1=ctx() R10=fp0
        0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2_w=pkt(r=0)
        1: (71) r0 = *(u8 *)(r2 +0)
        invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)
        R2 offset is outside of the packet
        processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
        """

    @Test("the failing instruction is the last `N: (code)` line; the reason follows it")
    func parses() {
        let parsed = VerifierLog(Self.log, annotations: ["data", "ether[0]"])
        #expect(parsed.failingInstruction == 1)
        #expect(parsed.instructionText == "1: (71) r0 = *(u8 *)(r2 +0)")
        #expect(parsed.failingSource == "ether[0]")
        #expect(parsed.errorLines == ["invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)",
                                      "R2 offset is outside of the packet"])
        #expect(parsed.processedInstructions == 2)
        #expect(parsed.summary.contains("verifier rejected instruction 1: 1: (71)"))
        #expect(parsed.summary.contains("(4 more log lines; see the full log)"))
    }

    @Test("a log without instruction lines, or an annotation list too short, still summarises")
    func degenerate() {
        let parsed = VerifierLog("last insn is not an exit or jmp\nprocessed 0 insns (limit 1000000)", annotations: [])
        #expect(parsed.failingInstruction == nil)
        #expect(parsed.failingSource == nil)
        #expect(parsed.errorLines == ["last insn is not an exit or jmp"])
        #expect(VerifierLog("").summary.isEmpty)
        #expect(VerifierLog("5: (95) exit\nR0 !read_ok", annotations: [nil]).failingSource == nil)
    }
}
