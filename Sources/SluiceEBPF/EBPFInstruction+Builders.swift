/// Builders for every instruction form Sluice emits, named after the
/// operation (as in the kernel's `BPF_MOV64_IMM`, `BPF_LDX_MEM`, ...
/// macros of `include/linux/filter.h`), so code generators never spell raw
/// opcodes. Jumps take a label (resolved by `EBPFAssembler`) or a raw offset.
extension EBPFInstruction {
    private static func alu(_ cls: EBPFClass, _ op: EBPFALUOperation, _ dst: EBPFRegister,
                            _ src: EBPFRegister?, _ imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: cls.rawValue | op.rawValue | (src == nil ? EBPFSource.k : .x).rawValue,
                        dst: dst.rawValue, src: src?.rawValue ?? 0, imm: imm)
    }

    /// `dst = imm` (64-bit, imm sign-extended): `BPF_MOV64_IMM`.
    public static func mov64(_ dst: EBPFRegister, imm: Int32) -> EBPFInstruction { alu(.alu64, .mov, dst, nil, imm) }
    /// `dst = src` (64-bit): `BPF_MOV64_REG`.
    public static func mov64(_ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction { alu(.alu64, .mov, dst, src, 0) }
    /// `wdst = imm` (32-bit, upper half zeroed): `BPF_MOV32_IMM`.
    public static func mov32(_ dst: EBPFRegister, imm: Int32) -> EBPFInstruction { alu(.alu, .mov, dst, nil, imm) }
    /// `wdst = wsrc` (32-bit, upper half zeroed): `BPF_MOV32_REG`.
    public static func mov32(_ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction { alu(.alu, .mov, dst, src, 0) }
    /// `dst op= imm` on 64 bits: `BPF_ALU64_IMM`.
    public static func alu64(_ op: EBPFALUOperation, _ dst: EBPFRegister, imm: Int32) -> EBPFInstruction {
        alu(.alu64, op, dst, nil, imm)
    }
    /// `dst op= src` on 64 bits: `BPF_ALU64_REG`.
    public static func alu64(_ op: EBPFALUOperation, _ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction {
        alu(.alu64, op, dst, src, 0)
    }
    /// `wdst op= imm` on 32 bits: `BPF_ALU32_IMM`.
    public static func alu32(_ op: EBPFALUOperation, _ dst: EBPFRegister, imm: Int32) -> EBPFInstruction {
        alu(.alu, op, dst, nil, imm)
    }
    /// `wdst op= wsrc` on 32 bits: `BPF_ALU32_REG`.
    public static func alu32(_ op: EBPFALUOperation, _ dst: EBPFRegister, _ src: EBPFRegister) -> EBPFInstruction {
        alu(.alu, op, dst, src, 0)
    }
    /// `dst = -dst` on 64 bits.
    public static func neg64(_ dst: EBPFRegister) -> EBPFInstruction { alu(.alu64, .neg, dst, nil, 0) }
    /// `wdst = -wdst` on 32 bits.
    public static func neg32(_ dst: EBPFRegister) -> EBPFInstruction { alu(.alu, .neg, dst, nil, 0) }
    /// `dst = be16/be32/be64 dst` or `le…`: `BPF_ENDIAN`. Converts between host
    /// order and `order`, keeping the low `bits` bits (16, 32 or 64).
    public static func endian(_ order: EBPFByteOrder, _ dst: EBPFRegister, bits: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPFClass.alu.rawValue | EBPFALUOperation.end.rawValue | order.rawValue,
                        dst: dst.rawValue, imm: bits)
    }

    /// `dst = *(size *)(src + off)`: `BPF_LDX_MEM`.
    public static func ldx(_ size: EBPFSize, dst: EBPFRegister, src: EBPFRegister, off: Int16) -> EBPFInstruction {
        EBPFInstruction(code: EBPFClass.ldx.rawValue | size.rawValue | EBPFMode.mem.rawValue,
                        dst: dst.rawValue, src: src.rawValue, offset: off)
    }
    /// `*(size *)(dst + off) = src`: `BPF_STX_MEM`.
    public static func stx(_ size: EBPFSize, dst: EBPFRegister, off: Int16, src: EBPFRegister) -> EBPFInstruction {
        EBPFInstruction(code: EBPFClass.stx.rawValue | size.rawValue | EBPFMode.mem.rawValue,
                        dst: dst.rawValue, src: src.rawValue, offset: off)
    }
    /// `*(size *)(dst + off) = imm`: `BPF_ST_MEM`.
    public static func st(_ size: EBPFSize, dst: EBPFRegister, off: Int16, imm: Int32) -> EBPFInstruction {
        EBPFInstruction(code: EBPFClass.st.rawValue | size.rawValue | EBPFMode.mem.rawValue,
                        dst: dst.rawValue, offset: off, imm: imm)
    }

    /// `dst = imm64`: the two-slot `BPF_LD_IMM64` (`lddw`).
    public static func lddw(_ dst: EBPFRegister, _ value: UInt64) -> [EBPFInstruction] {
        wide(dst, pseudo: .none, low: UInt32(truncatingIfNeeded: value), high: UInt32(truncatingIfNeeded: value >> 32))
    }
    /// `dst = map[fd]`: `BPF_LD_MAP_FD`, a `lddw` with `src = BPF_PSEUDO_MAP_FD`
    /// that the kernel replaces with the map's address.
    public static func loadMapFD(_ dst: EBPFRegister, fd: Int32) -> [EBPFInstruction] {
        wide(dst, pseudo: .mapFD, low: UInt32(bitPattern: fd), high: 0)
    }
    /// `dst = &map[fd].value + offset`: `BPF_LD_MAP_VALUE` (`BPF_PSEUDO_MAP_VALUE`).
    public static func loadMapValue(_ dst: EBPFRegister, fd: Int32, offset: UInt32) -> [EBPFInstruction] {
        wide(dst, pseudo: .mapValue, low: UInt32(bitPattern: fd), high: offset)
    }
    private static func wide(_ dst: EBPFRegister, pseudo: EBPFPseudo, low: UInt32, high: UInt32) -> [EBPFInstruction] {
        [EBPFInstruction(code: EBPFClass.ld.rawValue | EBPFSize.double.rawValue | EBPFMode.imm.rawValue,
                         dst: dst.rawValue, src: pseudo.rawValue, imm: Int32(bitPattern: low)),
         EBPFInstruction(code: 0, imm: Int32(bitPattern: high))]
    }

    private static func jump(_ cls: EBPFClass, _ op: EBPFJumpOperation, _ dst: EBPFRegister, _ src: EBPFRegister?,
                             _ imm: Int32, _ target: EBPFLabel?, _ offset: Int16) -> EBPFInstruction {
        EBPFInstruction(code: cls.rawValue | op.rawValue | (src == nil ? EBPFSource.k : .x).rawValue,
                        dst: dst.rawValue, src: src?.rawValue ?? 0, offset: offset, imm: imm, target: target)
    }
    /// `if dst op src goto label` (64-bit compare): `BPF_JMP_REG`.
    public static func jmp(_ op: EBPFJumpOperation, _ dst: EBPFRegister, _ src: EBPFRegister,
                           _ target: EBPFLabel) -> EBPFInstruction { jump(.jmp, op, dst, src, 0, target, 0) }
    /// `if dst op imm goto label` (64-bit compare, imm sign-extended): `BPF_JMP_IMM`.
    public static func jmp(_ op: EBPFJumpOperation, _ dst: EBPFRegister, imm: Int32,
                           _ target: EBPFLabel) -> EBPFInstruction { jump(.jmp, op, dst, nil, imm, target, 0) }
    /// `if wdst op wsrc goto label` (32-bit compare): `BPF_JMP32_REG`.
    public static func jmp32(_ op: EBPFJumpOperation, _ dst: EBPFRegister, _ src: EBPFRegister,
                             _ target: EBPFLabel) -> EBPFInstruction { jump(.jmp32, op, dst, src, 0, target, 0) }
    /// `if wdst op imm goto label` (32-bit compare): `BPF_JMP32_IMM`.
    public static func jmp32(_ op: EBPFJumpOperation, _ dst: EBPFRegister, imm: Int32,
                             _ target: EBPFLabel) -> EBPFInstruction { jump(.jmp32, op, dst, nil, imm, target, 0) }
    /// `if dst op src goto pc+offset` with a raw slot offset.
    public static func jmp(_ op: EBPFJumpOperation, _ dst: EBPFRegister, _ src: EBPFRegister,
                           offset: Int16) -> EBPFInstruction { jump(.jmp, op, dst, src, 0, nil, offset) }
    /// `if dst op imm goto pc+offset` with a raw slot offset.
    public static func jmp(_ op: EBPFJumpOperation, _ dst: EBPFRegister, imm: Int32,
                           offset: Int16) -> EBPFInstruction { jump(.jmp, op, dst, nil, imm, nil, offset) }
    /// `goto label`: `BPF_JMP_A`.
    public static func ja(_ target: EBPFLabel) -> EBPFInstruction { jump(.jmp, .ja, .r0, nil, 0, target, 0) }
    /// `goto pc+offset`.
    public static func ja(offset: Int16) -> EBPFInstruction { jump(.jmp, .ja, .r0, nil, 0, nil, offset) }
    /// `gotol pc+distance`: `BPF_JMP32 | BPF_JA`, the distance in `imm` (Linux 6.4).
    public static func gotol(distance: Int32) -> EBPFInstruction { jump(.jmp32, .ja, .r0, nil, distance, nil, 0) }
    /// `call helper`: `BPF_EMIT_CALL`.
    public static func call(_ helper: EBPFHelper) -> EBPFInstruction {
        EBPFInstruction(code: EBPFClass.jmp.rawValue | EBPFJumpOperation.call.rawValue, imm: helper.rawValue)
    }
    /// `exit`: return r0: `BPF_EXIT_INSN`.
    public static var exit: EBPFInstruction {
        EBPFInstruction(code: EBPFClass.jmp.rawValue | EBPFJumpOperation.exit.rawValue)
    }
}
