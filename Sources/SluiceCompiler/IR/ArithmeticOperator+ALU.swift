import SluiceBytecode

extension ArithmeticOperator {
    /// The classic BPF ALU operation (`BPF_ADD` … `BPF_RSH`) this operator
    /// compiles to. The eBPF backend reuses it (`EBPFALUOperation.init(_:)`),
    /// so both backends share one mapping.
    public var aluOperation: ALUOperation {
        switch self {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .divide: .div
        case .modulo: .mod
        case .and: .and
        case .or: .or
        case .xor: .xor
        case .shiftLeft: .lsh
        case .shiftRight: .rsh
        }
    }

    /// Whether `k` may be this operator's immediate operand. Linux's classic
    /// checker and the eBPF verifier both refuse a constant divisor of 0 and
    /// a constant shift of 32 or more; such operands go through a register
    /// instead and behave as at run time (the packet is rejected, or the
    /// shift is taken modulo 32).
    public func acceptsImmediate(_ k: UInt32) -> Bool {
        switch self {
        case .divide, .modulo: k != 0
        case .shiftLeft, .shiftRight: k < 32
        default: true
        }
    }
}
