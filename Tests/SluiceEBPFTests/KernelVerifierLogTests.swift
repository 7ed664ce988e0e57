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
        #expect(parsed.summary.contains("verifier rejected instruction 1: (71) r0 = *(u8 *)(r2 +0)"))
        #expect(parsed.summary.contains("  kernel: invalid access to packet, off=0 size=1"))
        #expect(parsed.contextLines == ["func#0 @0", "0: R1=ctx() R10=fp0",
                                        "0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2_w=pkt(r=0)"])
        #expect(parsed.summary.contains("(1 more log lines not shown)"), "\(parsed.summary)")
        #expect(parsed.summary.contains("  generated from: ether[0]"))
    }

    @Test("our disassembly names the failing slot; a multi-line source note is indented under it")
    func ownDisassemblyAndNote() {
        let parsed = VerifierLog(Self.log, annotations: [nil, "classic (001) ldb [0]\n  ether[0] = 1\n  ^^^^^^^^"],
                                 disassembly: ["(61) r2 = *(u32 *)(r1 +0)", "(71) w0 = *(u8 *)(r2 +0)"])
        #expect(parsed.failingDisassembly == "(71) w0 = *(u8 *)(r2 +0)")
        let lines = parsed.summary.split(separator: "\n").map(String.init)
        #expect(lines.first == "verifier rejected instruction 1: (71) w0 = *(u8 *)(r2 +0)")
        #expect(lines.contains("  generated from: classic (001) ldb [0]"))
        #expect(lines.contains("      ether[0] = 1"))
        #expect(lines.contains("      ^^^^^^^^"))
        let long = String(repeating: "R1=pkt ", count: 100)
        #expect(VerifierLog("3: (bf) r1 = r6\n" + long, annotations: []).summary.contains(" …"))
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
