/// Typed views of an instruction's opcode and register fields.
extension EBPFInstruction {
    /// `BPF_CLASS(code)`; every 3-bit value is a class.
    public var instructionClass: EBPFClass { EBPFClass(rawValue: code & 0x07) ?? .ld }
    /// `BPF_SIZE(code)` of a load/store.
    public var size: EBPFSize { EBPFSize(rawValue: code & 0x18) ?? .word }
    /// `BPF_MODE(code)` of a load/store, nil for an undefined mode.
    public var mode: EBPFMode? { EBPFMode(rawValue: code & 0xe0) }
    /// `BPF_OP(code)` read as an arithmetic operation.
    public var aluOperation: EBPFALUOperation? { EBPFALUOperation(rawValue: code & 0xf0) }
    /// `BPF_OP(code)` read as a jump operation.
    public var jumpOperation: EBPFJumpOperation? { EBPFJumpOperation(rawValue: code & 0xf0) }
    /// `BPF_SRC(code)`.
    public var source: EBPFSource { (code & 0x08) == 0 ? .k : .x }
    /// The destination register, nil when the field is out of range.
    public var destination: EBPFRegister? { EBPFRegister(rawValue: dst) }
    /// The source register, nil when the field is out of range.
    public var sourceRegister: EBPFRegister? { EBPFRegister(rawValue: src) }
    /// True for the first slot of a two-slot 64-bit immediate load (`lddw`).
    public var isWideLoad: Bool { code == EBPFClass.ld.rawValue | EBPFSize.double.rawValue | EBPFMode.imm.rawValue }
    /// Number of 8-byte slots the instruction occupies (2 for `lddw`).
    public var slotCount: Int { isWideLoad ? 2 : 1 }
}
