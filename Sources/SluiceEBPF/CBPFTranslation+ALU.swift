import SluiceBytecode

/// Arithmetic: `A op= k|X` as 32-bit eBPF ALU instructions.
extension CBPFTranslation {
    mutating func translateALU(_ instruction: Instruction, at index: Int) throws(CBPFTranslationError) {
        guard let op = instruction.aluOperation else { throw error(index, .unsupportedOpcode) }
        let ebpfOp = EBPFALUOperation(op)
        if op == .neg {
            asm.emit(.neg32(Self.a))
        } else if instruction.operandSource == .x {
            // Linux: division or modulo by X == 0 ends the program with 0.
            if op == .div || op == .mod { asm.emit(.jmp32(.jeq, Self.x, imm: 0, returnZero)) }
            asm.emit(.alu32(ebpfOp, Self.a, Self.x))
        } else if (op == .div || op == .mod) && instruction.k == 0 {
            asm.emit(.ja(returnZero))  // the classic verifier rejects this; stay defined anyway
        } else {
            asm.emit(.alu32(ebpfOp, Self.a, imm: Int32(bitPattern: instruction.k)))
        }
    }
}

extension EBPFALUOperation {
    /// The eBPF operation of a classic one. The encodings are the same
    /// (`BPF_OP` of `linux/filter.h` and `linux/bpf.h`: add 0x00 … xor 0xa0),
    /// as Linux's `bpf_convert_filter` relies on when it copies the code.
    public init(_ classic: ALUOperation) {
        switch classic {
        case .add: self = .add
        case .sub: self = .sub
        case .mul: self = .mul
        case .div: self = .div
        case .or: self = .or
        case .and: self = .and
        case .lsh: self = .lsh
        case .rsh: self = .rsh
        case .neg: self = .neg
        case .mod: self = .mod
        case .xor: self = .xor
        }
    }
}
