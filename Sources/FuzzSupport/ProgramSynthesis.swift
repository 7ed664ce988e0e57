import SluiceBytecode

/// Builds a classic BPF program from fuzz bytes that the verifier will
/// usually accept: opcodes from Linux's list, jumps inside the program,
/// operands biased towards packet offsets, scratch indexes, ancillary and
/// header-window offsets, and a return at the end. Raw bytes almost never
/// verify; these programs reach the interpreter.
public struct ProgramSynthesis {
    /// Every opcode Linux accepts (`chk_code_allowed`), most common first.
    static let opcodes: [UInt16] = [
        0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x00, 0x60, 0x80,      // ld
        0x01, 0x61, 0x81, 0xb1,                                  // ldx
        0x02, 0x03,                                              // st, stx
        0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x94, 0x9c, 0x44, 0x4c,
        0x54, 0x5c, 0xa4, 0xac, 0x64, 0x6c, 0x74, 0x7c, 0x84,        // alu
        0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d,        // jmp
        0x06, 0x16, 0x07, 0x87,                                  // ret, misc
    ]

    /// The program: at most `maximumLength` instructions.
    public static func program(_ bytes: inout FuzzBytes, maximumLength: Int = 48) -> Program {
        let count = 1 + bytes.below(maximumLength)
        var instructions: [Instruction] = []
        for index in 0..<count {
            let remaining = count - index - 1  // instructions after this one
            var code = opcodes[bytes.below(opcodes.count)]
            if remaining == 0 { code = bytes.byte() % 2 == 0 ? 0x06 : 0x16 }
            if code & 0x07 == 0x05, remaining == 0 { code = 0x16 }
            var instruction = Instruction(code: code, k: operand(for: code, &bytes))
            if code & 0x07 == 0x05 {
                // Forward jumps that land inside the program.
                let limit = max(remaining, 1)
                instruction.jt = UInt8(min(Int(bytes.byte()) % limit, 255))
                instruction.jf = UInt8(min(Int(bytes.byte()) % limit, 255))
                if code == 0x05 { instruction.k = UInt32(Int(bytes.byte()) % limit) }
            }
            instructions.append(instruction)
        }
        return Program(instructions)
    }

    /// An operand suited to the opcode's class.
    static func operand(for code: UInt16, _ bytes: inout FuzzBytes) -> UInt32 {
        switch code {
        case 0x60, 0x61, 0x02, 0x03: return UInt32(bytes.below(16))
        case 0x64, 0x74: return UInt32(bytes.below(32))
        case 0x34, 0x94: return UInt32(bytes.below(255)) + 1
        case 0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0xb1:
            switch bytes.below(8) {
            case 0...3: return UInt32(bytes.below(80))                                  // headers
            case 4: return Ancillary.base &+ UInt32(bytes.below(16)) * 4                // SKF_AD_*
            case 5: return Ancillary.networkBase &+ UInt32(bytes.below(48))              // SKF_NET_OFF
            case 6: return Ancillary.linkLayerBase &+ UInt32(bytes.below(48))            // SKF_LL_OFF
            default: return bytes.word()
            }
        default:
            return bytes.below(4) == 0 ? bytes.word() : UInt32(bytes.pick([0, 1, 2, 4, 6, 14, 17, 0x800, 0x86dd, 0xffffffff, 0x80000000]))
        }
    }
}
