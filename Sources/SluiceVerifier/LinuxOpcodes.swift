import SluiceBytecode

/// The opcodes Linux's classic checker allows (`chk_code_allowed` in
/// `net/core/filter.c`), and what to suggest for the ones it does not.
///
/// Linux compares the whole 16-bit `code`: any set bit outside a listed
/// opcode (including the high byte) makes it unknown.
public enum LinuxOpcodes {
    /// Every allowed `code`, spelled with the typed opcode fields.
    public static let allowed: Set<UInt16> = {
        var codes: Set<UInt16> = []
        let alu = InstructionClass.alu.rawValue
        for op in ALUOperation.allCases where op != .neg {
            for source in OperandSource.allCases { codes.insert(alu | op.rawValue | source.rawValue) }
        }
        codes.insert(alu | ALUOperation.neg.rawValue)
        let ld = InstructionClass.ld.rawValue, ldx = InstructionClass.ldx.rawValue
        for size in LoadSize.allCases {
            codes.insert(ld | size.rawValue | AddressMode.abs.rawValue)
            codes.insert(ld | size.rawValue | AddressMode.ind.rawValue)
        }
        codes.formUnion([
            ld | AddressMode.imm.rawValue, ld | AddressMode.mem.rawValue, ld | AddressMode.len.rawValue,
            ldx | AddressMode.imm.rawValue, ldx | AddressMode.mem.rawValue, ldx | AddressMode.len.rawValue,
            ldx | LoadSize.byte.rawValue | AddressMode.msh.rawValue,
            InstructionClass.st.rawValue, InstructionClass.stx.rawValue,
            InstructionClass.misc.rawValue | MiscOperation.tax.rawValue,
            InstructionClass.misc.rawValue | MiscOperation.txa.rawValue,
            InstructionClass.ret.rawValue | ReturnSource.k.rawValue,
            InstructionClass.ret.rawValue | ReturnSource.a.rawValue,
            InstructionClass.jmp.rawValue | JumpOperation.ja.rawValue,
        ])
        for op in JumpOperation.allCases where op != .ja {
            for source in OperandSource.allCases { codes.insert(InstructionClass.jmp.rawValue | op.rawValue | source.rawValue) }
        }
        return codes
    }()

    /// Membership in `allowed` as a flat table, for the verifier's hot loop.
    static let table: [Bool] = (0...0xff).map { allowed.contains(UInt16($0)) }

    /// True when Linux accepts this opcode.
    public static func isAllowed(_ code: UInt16) -> Bool {
        code <= 0xff && table[Int(code)]
    }

    /// A one-line suggestion for an opcode Linux does not accept.
    public static func hint(for code: UInt16) -> String {
        if code > 0xff {
            let low = code & 0xff
            return isAllowed(low)
                ? "the high byte of code must be zero; did you mean \(opcodeHex(low)) (\(Instruction.spelling(of: low)))?"
                : "the high byte of code must be zero"
        }
        let instruction = Instruction(code: code)
        switch instruction.instructionClass {
        case .ld:
            switch instruction.addressMode {
            case .msh: return "only ldx has the msh mode: did you mean ldxb 4*([k]&0xf) (0xb1)?"
            case .imm, .mem, .len:
                return suggest(code & ~0x18, "ld #k, ld M[k] and ld #len take no size bits")
            default: return "ld modes are #k (0x00), [k] (0x20/0x28/0x30), [x + k] (0x40/0x48/0x50), M[k] (0x60), #len (0x80)"
            }
        case .ldx:
            switch instruction.addressMode {
            case .abs, .ind:
                return "ldx cannot read the packet (except ldxb 4*([k]&0xf)): load into A with ld, then tax"
            case .msh: return suggest(0xb1, "the msh mode is byte-sized only")
            case .imm, .mem, .len:
                return suggest(code & ~0x18, "ldx #k, ldx M[k] and ldx #len take no size bits")
            default: return "ldx modes are #k (0x01), M[k] (0x61), #len (0x81), 4*([k]&0xf) (0xb1)"
            }
        case .st: return suggest(0x02, "st takes no mode or size bits")
        case .stx: return suggest(0x03, "stx takes no mode or size bits")
        case .alu:
            if instruction.aluOperation == .neg { return suggest(0x84, "neg takes no operand") }
            return "unknown ALU operation: add sub mul div mod and or xor lsh rsh neg (0x04...0xa4, +0x08 for x)"
        case .jmp:
            if instruction.jumpOperation == .ja { return suggest(0x05, "ja takes only a constant k") }
            return "unknown jump: ja (0x05), jeq (0x15), jgt (0x25), jge (0x35), jset (0x45), +0x08 to compare with x"
        case .ret:
            if instruction.returnSource == .x { return "ret x is not allowed: use txa, then ret a" }
            return "a return is ret #k (0x06) or ret a (0x16)"
        case .misc:
            return "misc instructions are tax (0x07) and txa (0x87)"
        }
    }

    private static func suggest(_ code: UInt16, _ why: String) -> String {
        "\(why): did you mean \(opcodeHex(code)) (\(Instruction.spelling(of: code)))?"
    }
}
