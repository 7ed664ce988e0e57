/// The fields of an eBPF opcode, as `linux/bpf.h` and `linux/bpf_common.h`
/// define them (Documentation/bpf/standardization/instruction-set.rst).
/// `EBPFInstruction` exposes typed views of its `code`.

/// Instruction class (`BPF_CLASS(code)`, low 3 bits). eBPF reuses classic
/// `BPF_RET` (6) as `BPF_JMP32` and `BPF_MISC` (7) as `BPF_ALU64`.
public enum EBPFClass: UInt8, Sendable, CaseIterable {
    case ld = 0x00, ldx = 0x01, st = 0x02, stx = 0x03
    case alu = 0x04, jmp = 0x05, jmp32 = 0x06, alu64 = 0x07
}

/// Memory access width (`BPF_SIZE(code)`): `BPF_W`, `BPF_H`, `BPF_B`, `BPF_DW`.
public enum EBPFSize: UInt8, Sendable, CaseIterable {
    case word = 0x00, half = 0x08, byte = 0x10, double = 0x18

    /// Width in bytes.
    public var byteCount: Int {
        switch self {
        case .word: 4
        case .half: 2
        case .byte: 1
        case .double: 8
        }
    }

    /// The C type name bpftool prints (`u32`, `u16`, `u8`, `u64`).
    public var typeName: String {
        switch self {
        case .word: "u32"
        case .half: "u16"
        case .byte: "u8"
        case .double: "u64"
        }
    }
}

/// Addressing mode of load/store classes (`BPF_MODE(code)`).
public enum EBPFMode: UInt8, Sendable, CaseIterable {
    /// `BPF_IMM`: with `BPF_DW`, the two-slot 64-bit immediate load (`lddw`).
    case imm = 0x00
    /// `BPF_ABS`: legacy skb load, kept for decoding only.
    case abs = 0x20
    /// `BPF_IND`: legacy skb load, kept for decoding only.
    case ind = 0x40
    /// `BPF_MEM`: `*(size *)(reg + off)`.
    case mem = 0x60
    /// `BPF_MEMSX`: sign-extending load.
    case memsx = 0x80
    /// `BPF_ATOMIC`.
    case atomic = 0xc0
}

/// Arithmetic operation (`BPF_OP(code)` in `BPF_ALU`/`BPF_ALU64`).
public enum EBPFALUOperation: UInt8, Sendable, CaseIterable {
    case add = 0x00, sub = 0x10, mul = 0x20, div = 0x30, or = 0x40, and = 0x50
    case lsh = 0x60, rsh = 0x70, neg = 0x80, mod = 0x90, xor = 0xa0
    case mov = 0xb0, arsh = 0xc0
    /// `BPF_END`: byte swap; the source bit selects `BPF_TO_LE`/`BPF_TO_BE`.
    case end = 0xd0

    /// The compound assignment bpftool prints (`+=`, `<<=`, `s>>=`, `=`).
    public var symbol: String {
        switch self {
        case .add: "+="
        case .sub: "-="
        case .mul: "*="
        case .div: "/="
        case .or: "|="
        case .and: "&="
        case .lsh: "<<="
        case .rsh: ">>="
        case .neg: "= -"
        case .mod: "%="
        case .xor: "^="
        case .mov: "="
        case .arsh: "s>>="
        case .end: "= bswap"
        }
    }
}

/// Jump operation (`BPF_OP(code)` in `BPF_JMP`/`BPF_JMP32`).
public enum EBPFJumpOperation: UInt8, Sendable, CaseIterable {
    case ja = 0x00, jeq = 0x10, jgt = 0x20, jge = 0x30, jset = 0x40, jne = 0x50
    case jsgt = 0x60, jsge = 0x70, call = 0x80, exit = 0x90
    case jlt = 0xa0, jle = 0xb0, jslt = 0xc0, jsle = 0xd0

    /// The comparison bpftool prints (`==`, `s>`, `&`), nil for ja/call/exit.
    public var symbol: String? {
        switch self {
        case .jeq: "=="
        case .jgt: ">"
        case .jge: ">="
        case .jset: "&"
        case .jne: "!="
        case .jsgt: "s>"
        case .jsge: "s>="
        case .jlt: "<"
        case .jle: "<="
        case .jslt: "s<"
        case .jsle: "s<="
        case .ja, .call, .exit: nil
        }
    }

    /// The condition that holds exactly when this one does not (`jset` has none).
    public var negated: EBPFJumpOperation? {
        switch self {
        case .jeq: .jne
        case .jne: .jeq
        case .jgt: .jle
        case .jle: .jgt
        case .jge: .jlt
        case .jlt: .jge
        case .jsgt: .jsle
        case .jsle: .jsgt
        case .jsge: .jslt
        case .jslt: .jsge
        case .ja, .jset, .call, .exit: nil
        }
    }
}

/// Operand source (`BPF_SRC(code)`): the immediate (`BPF_K`) or `src` register (`BPF_X`).
public enum EBPFSource: UInt8, Sendable, CaseIterable {
    case k = 0x00, x = 0x08
}

/// Byte order of a `BPF_END` swap: the source bit (`BPF_TO_LE` = 0, `BPF_TO_BE` = 8).
public enum EBPFByteOrder: UInt8, Sendable, CaseIterable {
    case little = 0x00, big = 0x08
}

/// `src` pseudo values of a `lddw` (`BPF_PSEUDO_*` in `linux/bpf.h`).
public enum EBPFPseudo: UInt8, Sendable, CaseIterable {
    /// A plain 64-bit constant.
    case none = 0
    /// `BPF_PSEUDO_MAP_FD`: imm is a map file descriptor.
    case mapFD = 1
    /// `BPF_PSEUDO_MAP_VALUE`: imm is a map fd, the next imm an offset into its value.
    case mapValue = 2
}
