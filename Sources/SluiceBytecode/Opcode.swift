/// The fields of a classic BPF opcode, as `linux/filter.h` and
/// `linux/bpf_common.h` define them. Each enum is one field; `Instruction`
/// exposes typed views of its `code`.

/// Instruction class (`BPF_CLASS(code)`, low 3 bits).
public enum InstructionClass: UInt16, Sendable, CaseIterable {
    case ld = 0x00, ldx = 0x01, st = 0x02, stx = 0x03
    case alu = 0x04, jmp = 0x05, ret = 0x06, misc = 0x07
}

/// Load width (`BPF_SIZE(code)`): `BPF_W`, `BPF_H`, `BPF_B`.
public enum LoadSize: UInt16, Sendable, CaseIterable {
    case word = 0x00, half = 0x08, byte = 0x10

    /// Width in bytes.
    public var byteCount: Int {
        switch self {
        case .word: 4
        case .half: 2
        case .byte: 1
        }
    }
}

/// Load addressing mode (`BPF_MODE(code)`).
public enum AddressMode: UInt16, Sendable, CaseIterable {
    case imm = 0x00, abs = 0x20, ind = 0x40, mem = 0x60, len = 0x80, msh = 0xa0
}

/// ALU operation (`BPF_OP(code)` in class `BPF_ALU`).
public enum ALUOperation: UInt16, Sendable, CaseIterable {
    case add = 0x00, sub = 0x10, mul = 0x20, div = 0x30, or = 0x40, and = 0x50
    case lsh = 0x60, rsh = 0x70, neg = 0x80, mod = 0x90, xor = 0xa0
}

/// Jump operation (`BPF_OP(code)` in class `BPF_JMP`).
public enum JumpOperation: UInt16, Sendable, CaseIterable {
    case ja = 0x00, jeq = 0x10, jgt = 0x20, jge = 0x30, jset = 0x40
}

/// Operand source (`BPF_SRC(code)`): the constant `k` or register X.
public enum OperandSource: UInt16, Sendable, CaseIterable {
    case k = 0x00, x = 0x08
}

/// Return value source (`BPF_RVAL(code)`): `BPF_K`, `BPF_X` (rejected by Linux) or `BPF_A`.
public enum ReturnSource: UInt16, Sendable, CaseIterable {
    case k = 0x00, x = 0x08, a = 0x10
}

/// Miscellaneous operation (`BPF_MISCOP(code)`): `BPF_TAX`, `BPF_TXA`.
public enum MiscOperation: UInt16, Sendable, CaseIterable {
    case tax = 0x00, txa = 0x80
}

extension Instruction {
    /// The class, from the low three bits of `code`.
    public var instructionClass: InstructionClass {
        InstructionClass(rawValue: code & 0x07)!
    }
    /// `BPF_SIZE(code)`, or nil for the unused encoding 0x18.
    public var loadSize: LoadSize? { LoadSize(rawValue: code & 0x18) }
    /// `BPF_MODE(code)`, or nil for an encoding with no meaning.
    public var addressMode: AddressMode? { AddressMode(rawValue: code & 0xe0) }
    /// `BPF_OP(code)` read as an ALU operation.
    public var aluOperation: ALUOperation? { ALUOperation(rawValue: code & 0xf0) }
    /// `BPF_OP(code)` read as a jump operation.
    public var jumpOperation: JumpOperation? { JumpOperation(rawValue: code & 0xf0) }
    /// `BPF_SRC(code)`.
    public var operandSource: OperandSource { OperandSource(rawValue: code & 0x08)! }
    /// `BPF_RVAL(code)`, or nil for 0x18.
    public var returnSource: ReturnSource? { ReturnSource(rawValue: code & 0x18) }
    /// `BPF_MISCOP(code)`, or nil for an unknown misc operation.
    public var miscOperation: MiscOperation? { MiscOperation(rawValue: code & 0xf8) }
}
