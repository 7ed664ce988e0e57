import SluiceBytecode
import SluiceCompiler
import Testing
@testable import SluiceEBPF

/// The text assembler reads back what the disassembler writes.
@Suite struct EBPFParsingTests {
    @Test func everyInstructionFormRoundTrips() throws {
        var slots: [EBPFInstruction] = [
            .ldx(.word, dst: .r2, src: .r1, off: 4), .ldx(.byte, dst: .r0, src: .r6, off: -3),
            .stx(.double, dst: .r10, off: -8, src: .r3), .st(.half, dst: .r10, off: -2, imm: -7),
            .mov64(.r0, imm: -1), .mov64(.r6, .r1), .mov32(.r8, imm: 7), .mov32(.r1, .r8),
            .alu64(.add, .r2, imm: 14), .alu64(.sub, .r0, .r6), .alu32(.lsh, .r8, imm: 2), .alu32(.mod, .r0, .r8),
            .alu64(.arsh, .r3, imm: 5), .neg32(.r0), .neg64(.r4),
            .endian(.big, .r0, bits: 16), .endian(.little, .r3, bits: 64),
            .jmp(.jgt, .r2, .r7, offset: 3), .jmp(.jsle, .r1, imm: -5, offset: 2),
            .ja(offset: 1), .call(.ringbufOutput), .exit,
        ]
        var jump32 = EBPFInstruction.jmp(.jset, .r0, imm: Int32(bitPattern: 0xffff_fff0), offset: 1)
        jump32.code = (jump32.code & ~0x07) | EBPFClass.jmp32.rawValue
        slots.append(jump32)
        slots.append(.gotol(distance: 70_000))
        slots += EBPFInstruction.lddw(.r1, 0xdead_beef_0000_0001) + EBPFInstruction.loadMapFD(.r2, fd: 9)
        let program = EBPFProgram(slots + [.exit])
        #expect(try EBPFProgram(assembling: program.description) == program, "\(program)")
    }

    @Test func generatedProgramsRoundTrip() throws {
        for expression in ["tcp dst port 80", "vlan 10 and ip6 net 2001:db8::/32", "ether multicast or arp"] {
            let program = try XDPCodeGenerator.generate(try FilterParser.parse(expression))
            #expect(try EBPFProgram(assembling: program.description) == program, "\(expression)")
        }
        let translated = try CBPFTranslator.translate(
            instructions: [.loadXHeaderLength(14), .load(.half, indirect: 16), .store(3), .aluX(.div), .returnA],
            result: .raw)
        #expect(try EBPFProgram(assembling: translated.description) == translated)
    }

    @Test func acceptsBareInstructionsAndComments() throws {
        let program = try EBPFProgram(assembling: """
            ; return XDP_PASS for frames of at least 14 bytes
            r2 = *(u32 *)(r1 +4)
            r0 = 2          ; XDP_PASS
            exit
            """)
        #expect(program.instructions == [.ldx(.word, dst: .r2, src: .r1, off: 4), .mov64(.r0, imm: 2), .exit])
    }

    @Test func errorsNameTheLine() {
        #expect(throws: EBPFParseError(line: 2, text: "r0 <<<= 3", reason: "unknown operation '<<<='")) {
            try EBPFProgram(assembling: "r0 = 1\nr0 <<<= 3\nexit")
        }
        #expect(throws: EBPFParseError.self) { try EBPFProgram(assembling: "if r1 > 3 goto 4") }
        #expect(throws: EBPFParseError.self) { try EBPFProgram(assembling: "r11 = 0") }
        #expect(throws: EBPFParseError.self) { try EBPFProgram(assembling: "r0 = 99999999999") }
    }
}
