import Testing
import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter

/// Properties of the generated programs that the libpcap vectors do not cover.
@Suite("cBPF code generation")
struct CodeGeneratorTests {
    @Test func matchReturnsTheSnapLength() throws {
        let compiled = try FilterCompiler.compile("ip", options: CompileOptions(snapLength: 96))
        let packet: [UInt8] = Array(repeating: 0, count: 12) + [0x08, 0x00] + Array(repeating: 0, count: 20)
        #expect(Interpreter(compiled.program).run(packet: packet) == 96)
        #expect(Interpreter(compiled.program).run(packet: Array(repeating: 0, count: 34)) == 0)
    }

    @Test func everyInstructionHasASpanOrIsAReturn() throws {
        let text = "tcp port 80 and not host 10.0.0.1"
        let compiled = try FilterCompiler.compile(text, options: CompileOptions(optimize: false))
        #expect(compiled.sources.count == compiled.program.program.count)
        for (instruction, span) in zip(compiled.program.program, compiled.sources) where instruction.instructionClass != .ret {
            #expect(span != nil)
        }
    }

    /// The offsets both code generators take from the layers (libpcap's
    /// `vlan`, `pppoes`, `mpls` updates), checked on a stack of all three.
    @Test func frameShapeFollowsLibpcapOffsetUpdates() {
        let tagged = FrameShape([.vlan, .vlan])
        #expect(!tagged.linkTypeFollowsPayload && tagged.linkTypeOffset == 8 && tagged.payloadOffset == 8)
        let stacked = FrameShape([.vlan, .pppoeSession, .mpls, .mpls])
        // PPP protocol at payload + 4 (VLAN) + 6 (PPPoE); IP after 8 more and two labels.
        #expect(stacked.linkTypeFollowsPayload && stacked.linkTypeOffset == 10 && stacked.payloadOffset == 12)
        #expect(stacked.isPPP && stacked.mplsDepth == 2 && stacked.networkExtra == 8)
        #expect(FrameShape([.mpls, .pppoeSession]).networkExtra == 0)  // pppoes starts a new payload
        #expect(FrameShape([.geneve]) == FrameShape([]))
    }

    @Test func tooLongForClassicBPFPointsAtXDP() {
        let text = (1...3_000).map { "host 10.0.\($0 / 256).\($0 % 256)" }.joined(separator: " or ")
        do {
            let compiled = try FilterCompiler.compile(text)
            Issue.record("compiled to \(compiled.program.program.count) instructions")
        } catch {
            #expect(error.description.contains("XDP"), "\(error)")
        }
    }

    @Test func repeatedLoadsAreShared() throws {
        // The ethertype is loaded once on every path of `tcp port 80`.
        let program = try FilterCompiler.compile("tcp port 80", options: CompileOptions(optimize: false)).program.program
        #expect(program.filter { $0 == .load(.half, absolute: 12) }.count == 1)
    }

    @Test func constantFilters() throws {
        #expect(try FilterCompiler.compile("").program.program.instructions == [.return(262_144)])
    }
}
