/// Builders for every instruction form, named after the operation, so code
/// generators and tests never spell raw opcodes. Jump targets here are raw
/// relative offsets; the assembler resolves labels to them.
extension Instruction {
    /// `ld [k]`, `ldh [k]`, `ldb [k]`: A = packet[k].
    public static func load(_ size: LoadSize, absolute k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ld.rawValue | size.rawValue | AddressMode.abs.rawValue, k: k)
    }
    /// `ld [x + k]`: A = packet[X + k].
    public static func load(_ size: LoadSize, indirect k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ld.rawValue | size.rawValue | AddressMode.ind.rawValue, k: k)
    }
    /// `ld #k`: A = k.
    public static func loadImmediate(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ld.rawValue | AddressMode.imm.rawValue, k: k)
    }
    /// `ld M[k]`: A = scratch[k].
    public static func loadScratch(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ld.rawValue | AddressMode.mem.rawValue, k: k)
    }
    /// `ld #len`: A = wire length.
    public static var loadLength: Instruction {
        Instruction(code: InstructionClass.ld.rawValue | AddressMode.len.rawValue)
    }
    /// `ld #<ancillary>`: A = packet metadata (an `SKF_AD_*` load).
    public static func load(_ ancillary: Ancillary) -> Instruction {
        .load(.word, absolute: ancillary.offset)
    }
    /// `ldx #k`: X = k.
    public static func loadXImmediate(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ldx.rawValue | AddressMode.imm.rawValue, k: k)
    }
    /// `ldx M[k]`: X = scratch[k].
    public static func loadXScratch(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ldx.rawValue | AddressMode.mem.rawValue, k: k)
    }
    /// `ldx #len`: X = wire length.
    public static var loadXLength: Instruction {
        Instruction(code: InstructionClass.ldx.rawValue | AddressMode.len.rawValue)
    }
    /// `ldxb 4*([k]&0xf)`: X = IPv4 header length at offset k.
    public static func loadXHeaderLength(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ldx.rawValue | LoadSize.byte.rawValue | AddressMode.msh.rawValue, k: k)
    }
    /// `st M[k]`: scratch[k] = A.
    public static func store(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.st.rawValue, k: k)
    }
    /// `stx M[k]`: scratch[k] = X.
    public static func storeX(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.stx.rawValue, k: k)
    }
    /// `op #k`: A = A op k.
    public static func alu(_ op: ALUOperation, _ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.alu.rawValue | op.rawValue | OperandSource.k.rawValue, k: k)
    }
    /// `op x`: A = A op X.
    public static func aluX(_ op: ALUOperation) -> Instruction {
        Instruction(code: InstructionClass.alu.rawValue | op.rawValue | OperandSource.x.rawValue)
    }
    /// `neg`: A = -A.
    public static var negate: Instruction {
        Instruction(code: InstructionClass.alu.rawValue | ALUOperation.neg.rawValue)
    }
    /// `ja k`: skip k instructions.
    public static func jump(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.jmp.rawValue | JumpOperation.ja.rawValue, k: k)
    }
    /// `jeq/jgt/jge/jset #k, jt, jf`.
    public static func jump(_ op: JumpOperation, _ k: UInt32, true jt: UInt8, false jf: UInt8) -> Instruction {
        Instruction(code: InstructionClass.jmp.rawValue | op.rawValue | OperandSource.k.rawValue, jt: jt, jf: jf, k: k)
    }
    /// `jeq/jgt/jge/jset x, jt, jf`.
    public static func jumpX(_ op: JumpOperation, true jt: UInt8, false jf: UInt8) -> Instruction {
        Instruction(code: InstructionClass.jmp.rawValue | op.rawValue | OperandSource.x.rawValue, jt: jt, jf: jf)
    }
    /// `ret #k`.
    public static func `return`(_ k: UInt32) -> Instruction {
        Instruction(code: InstructionClass.ret.rawValue | ReturnSource.k.rawValue, k: k)
    }
    /// `ret a`.
    public static var returnA: Instruction {
        Instruction(code: InstructionClass.ret.rawValue | ReturnSource.a.rawValue)
    }
    /// `tax`: X = A.
    public static var tax: Instruction {
        Instruction(code: InstructionClass.misc.rawValue | MiscOperation.tax.rawValue)
    }
    /// `txa`: A = X.
    public static var txa: Instruction {
        Instruction(code: InstructionClass.misc.rawValue | MiscOperation.txa.rawValue)
    }
}
