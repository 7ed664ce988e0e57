import Testing
@testable import SluiceEBPF

/// Builders against their raw `struct bpf_insn` encodings (from
/// `include/linux/filter.h`'s macros), and the disassembler's text.
@Suite struct EBPFInstructionTests {
    @Test func buildersEncodeLikeTheKernelMacros() {
        // (builder, code, dst, src, off, imm)
        let table: [(EBPFInstruction, UInt8, UInt8, UInt8, Int16, Int32)] = [
            (.mov64(.r0, imm: 2), 0xb7, 0, 0, 0, 2),
            (.mov64(.r6, .r1), 0xbf, 6, 1, 0, 0),
            (.mov32(.r0, imm: -1), 0xb4, 0, 0, 0, -1),
            (.mov32(.r8, .r0), 0xbc, 8, 0, 0, 0),
            (.alu64(.add, .r2, imm: 14), 0x07, 2, 0, 0, 14),
            (.alu64(.sub, .r0, .r6), 0x1f, 0, 6, 0, 0),
            (.alu32(.lsh, .r8, imm: 2), 0x64, 8, 0, 0, 2),
            (.alu32(.div, .r0, .r8), 0x3c, 0, 8, 0, 0),
            (.neg32(.r0), 0x84, 0, 0, 0, 0),
            (.endian(.big, .r0, bits: 16), 0xdc, 0, 0, 0, 16),
            (.endian(.little, .r3, bits: 32), 0xd4, 3, 0, 0, 32),
            (.ldx(.word, dst: .r2, src: .r1, off: 4), 0x61, 2, 1, 4, 0),
            (.ldx(.byte, dst: .r0, src: .r6, off: 23), 0x71, 0, 6, 23, 0),
            (.stx(.word, dst: .r10, off: -4, src: .r0), 0x63, 10, 0, -4, 0),
            (.st(.double, dst: .r10, off: -8, imm: 0), 0x7a, 10, 0, -8, 0),
            (.jmp(.jgt, .r2, .r7, offset: 3), 0x2d, 2, 7, 3, 0),
            (.jmp(.jeq, .r0, imm: 6, offset: -2), 0x15, 0, 0, -2, 6),
            (.ja(offset: 5), 0x05, 0, 0, 5, 0),
            (.call(.mapLookupElement), 0x85, 0, 0, 0, 1),
            (.exit, 0x95, 0, 0, 0, 0),
        ]
        for (instruction, code, dst, src, off, imm) in table {
            #expect(instruction.code == code, "\(instruction)")
            #expect(instruction.dst == dst && instruction.src == src, "\(instruction)")
            #expect(instruction.offset == off && instruction.imm == imm, "\(instruction)")
        }
    }

    @Test func encodingIsStructBpfInsnLittleEndian() throws {
        let instruction = EBPFInstruction.ldx(.word, dst: .r2, src: .r1, off: -4)
        #expect(instruction.encoded == [0x61, 0x12, 0xfc, 0xff, 0, 0, 0, 0])
        let program = EBPFProgram(EBPFInstruction.lddw(.r1, 0x1122_3344_5566_7788) + [.exit])
        #expect(program.encoded.count == 24)
        #expect(try EBPFProgram(decoding: program.encoded) == program)
    }

    @Test func wideImmediatesTakeTwoSlots() {
        let slots = EBPFInstruction.lddw(.r3, 0xdead_beef_0000_0001)
        #expect(slots.count == 2)
        #expect(slots[0].code == 0x18 && slots[0].dst == 3 && slots[0].imm == 1)
        #expect(slots[1].code == 0 && UInt32(bitPattern: slots[1].imm) == 0xdead_beef)
        let map = EBPFInstruction.loadMapFD(.r1, fd: 7)
        #expect(map[0].src == 1 && map[0].imm == 7)
    }

    @Test func disassemblyReadsLikeBpftool() throws {
        var asm = EBPFAssembler()
        let out = asm.makeLabel("out")
        asm.emit(.ldx(.word, dst: .r2, src: .r1, off: 4))
        asm.emit(.mov64(.r0, imm: 0))
        asm.emit(EBPFInstruction.lddw(.r1, 0x1_0000_0002))
        asm.emit(.jmp(.jgt, .r2, .r3, out))
        asm.emit(.jmp32(.jset, .r0, imm: -16, out))
        asm.emit(.endian(.big, .r0, bits: 32))
        asm.emit(.alu32(.add, .r0, imm: 14))
        asm.emit(.stx(.word, dst: .r10, off: -4, src: .r0))
        asm.emit(.call(.mapLookupElement))
        asm.bind(out)
        asm.emit(.exit)
        let program = try asm.assemble()
        #expect(program.listing == [
            "   0: (61) r2 = *(u32 *)(r1 +4)",
            "   1: (b7) r0 = 0",
            "   2: (18) r1 = 0x100000002",
            "   4: (2d) if r2 > r3 goto pc+5",
            "   5: (46) if w0 & 0xfffffff0 goto pc+4",
            "   6: (dc) r0 = be32 r0",
            "   7: (04) w0 += 14",
            "   8: (63) *(u32 *)(r10 -4) = r0",
            "   9: (85) call bpf_map_lookup_elem#1",
            "  10: (95) exit",
        ])
    }

    @Test func unresolvedLabelIsAnError() {
        var asm = EBPFAssembler()
        let nowhere = asm.makeLabel("nowhere")
        asm.emit(.mov64(.r0, imm: 0))
        asm.emit(.ja(nowhere))
        asm.emit(.exit)
        #expect(throws: EBPFAssemblyError.unresolvedLabel("nowhere_0", slot: 1)) { try asm.assemble() }
    }

    @Test func duplicateLabelIsAnError() {
        var asm = EBPFAssembler()
        let here = asm.makeLabel("here")
        asm.bind(here)
        asm.emit(.exit)
        asm.bind(here)
        #expect(throws: EBPFAssemblyError.duplicateLabel("here_0")) { try asm.assemble() }
    }

    @Test func backwardAndForwardOffsets() throws {
        var asm = EBPFAssembler()
        let top = asm.makeLabel("top"), end = asm.makeLabel("end")
        asm.bind(top)
        asm.emit(.jmp(.jeq, .r1, imm: 0, end))
        asm.emit(.alu64(.sub, .r1, imm: 1))
        asm.emit(.ja(top))
        asm.bind(end)
        asm.emit(.exit)
        let program = try asm.assemble()
        #expect(program.instructions.map(\.offset) == [2, 0, -3, 0])
        #expect(program.instructions.allSatisfy { $0.target == nil })
    }

    @Test func truncatedBytesAreRejectedWithTheirOffset() {
        #expect(throws: EBPFDecodingError(byteCount: 12)) { try EBPFProgram(decoding: Array(repeating: 0, count: 12)) }
    }
}
