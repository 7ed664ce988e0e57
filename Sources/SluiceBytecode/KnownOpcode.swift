/// The shape of an instruction's operand in libpcap's `bpf_image` text.
enum OperandKind: Hashable, Sendable {
    /// No operand (`tax`, `neg`, `ret` of A).
    case none
    /// `#0x%x` of k.
    case hexadecimal
    /// `#%d` of k.
    case decimal
    /// `[%d]` of k, or `[name]` for a known `SKF_AD_*` offset.
    case absolute
    /// `[x + %d]` of k.
    case indirect
    /// `M[%d]` of k.
    case scratch
    /// `#pktlen`.
    case length
    /// `4*([%d]&0xf)` of k.
    case headerLength
    /// `x`.
    case x
    /// `ja`'s target, an instruction index.
    case jumpTarget
}

/// One opcode that libpcap's `bpf_image` names. The set is exactly the
/// opcodes Linux's `bpf_check_classic` accepts; any other `code` prints as
/// `unimp 0x..`.
struct KnownOpcode: Hashable, Sendable {
    /// The raw `code`.
    var code: UInt16
    /// The `bpf_image` mnemonic (`ld`, `ldh`, `jeq`, ...).
    var mnemonic: String
    /// How the operand is written.
    var operand: OperandKind

    init(code: UInt16, mnemonic: String, operand: OperandKind) {
        self.code = code
        self.mnemonic = mnemonic
        self.operand = operand
    }

    /// True for conditional jumps: class `BPF_JMP` and an operation other than `BPF_JA`.
    /// `bpf_image` prints `jt`/`jf` for exactly these codes, known or not.
    static func isConditionalJump(_ code: UInt16) -> Bool {
        code & 0x07 == InstructionClass.jmp.rawValue && code & 0xf0 != JumpOperation.ja.rawValue
    }

    /// True when the instruction's `k` is shown by its operand.
    var usesK: Bool {
        switch operand {
        case .none, .length, .x: false
        default: true
        }
    }

    /// True when the instruction's `jt`/`jf` are shown.
    var usesJumpOffsets: Bool { KnownOpcode.isConditionalJump(code) }

    /// Every known opcode, in opcode order.
    static let all: [KnownOpcode] = {
        let ld = InstructionClass.ld.rawValue, ldx = InstructionClass.ldx.rawValue
        let alu = InstructionClass.alu.rawValue, jmp = InstructionClass.jmp.rawValue
        let ret = InstructionClass.ret.rawValue, misc = InstructionClass.misc.rawValue
        let sizes: [(LoadSize, String)] = [(.word, "ld"), (.half, "ldh"), (.byte, "ldb")]
        var table: [KnownOpcode] = [
            KnownOpcode(code: ld | AddressMode.imm.rawValue, mnemonic: "ld", operand: .hexadecimal),
            KnownOpcode(code: ld | AddressMode.mem.rawValue, mnemonic: "ld", operand: .scratch),
            KnownOpcode(code: ld | AddressMode.len.rawValue, mnemonic: "ld", operand: .length),
            KnownOpcode(code: ldx | AddressMode.imm.rawValue, mnemonic: "ldx", operand: .hexadecimal),
            KnownOpcode(code: ldx | AddressMode.mem.rawValue, mnemonic: "ldx", operand: .scratch),
            KnownOpcode(code: ldx | AddressMode.len.rawValue, mnemonic: "ldx", operand: .length),
            KnownOpcode(code: ldx | LoadSize.byte.rawValue | AddressMode.msh.rawValue, mnemonic: "ldxb", operand: .headerLength),
            KnownOpcode(code: InstructionClass.st.rawValue, mnemonic: "st", operand: .scratch),
            KnownOpcode(code: InstructionClass.stx.rawValue, mnemonic: "stx", operand: .scratch),
            KnownOpcode(code: alu | ALUOperation.neg.rawValue, mnemonic: "neg", operand: .none),
            KnownOpcode(code: jmp | JumpOperation.ja.rawValue, mnemonic: "ja", operand: .jumpTarget),
            KnownOpcode(code: ret | ReturnSource.k.rawValue, mnemonic: "ret", operand: .decimal),
            KnownOpcode(code: ret | ReturnSource.a.rawValue, mnemonic: "ret", operand: .none),
            KnownOpcode(code: misc | MiscOperation.tax.rawValue, mnemonic: "tax", operand: .none),
            KnownOpcode(code: misc | MiscOperation.txa.rawValue, mnemonic: "txa", operand: .none),
        ]
        for (size, name) in sizes {
            table.append(KnownOpcode(code: ld | size.rawValue | AddressMode.abs.rawValue, mnemonic: name, operand: .absolute))
            table.append(KnownOpcode(code: ld | size.rawValue | AddressMode.ind.rawValue, mnemonic: name, operand: .indirect))
        }
        for operation in ALUOperation.allCases where operation != .neg {
            let bitwise = operation == .and || operation == .or || operation == .xor
            let name = "\(operation)"
            table.append(KnownOpcode(code: alu | operation.rawValue | OperandSource.k.rawValue, mnemonic: name,
                                     operand: bitwise ? .hexadecimal : .decimal))
            table.append(KnownOpcode(code: alu | operation.rawValue | OperandSource.x.rawValue, mnemonic: name, operand: .x))
        }
        for operation in JumpOperation.allCases where operation != .ja {
            let name = "\(operation)"
            table.append(KnownOpcode(code: jmp | operation.rawValue | OperandSource.k.rawValue, mnemonic: name, operand: .hexadecimal))
            table.append(KnownOpcode(code: jmp | operation.rawValue | OperandSource.x.rawValue, mnemonic: name, operand: .x))
        }
        return table.sorted { $0.code < $1.code }
    }()

    private static let byCode: [UInt16: KnownOpcode] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
    private static let byMnemonic: [String: [KnownOpcode]] = Dictionary(grouping: all, by: \.mnemonic)

    /// The known opcode with this `code`, if any.
    init?(code: UInt16) {
        guard let known = KnownOpcode.byCode[code] else { return nil }
        self = known
    }

    /// Every known opcode spelled `mnemonic`.
    static func named(_ mnemonic: String) -> [KnownOpcode] {
        byMnemonic[mnemonic] ?? []
    }
}
