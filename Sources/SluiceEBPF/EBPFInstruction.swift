/// One eBPF instruction slot, laid out like Linux `struct bpf_insn`
/// (`u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm`).
///
/// A 64-bit immediate load (`lddw`) takes two slots; the second has code 0
/// and carries the upper 32 bits in `imm`.
public struct EBPFInstruction: Hashable, Sendable {
    /// The opcode: class, size/op, mode/source bits.
    public var code: UInt8
    /// Destination register, 0…10.
    public var dst: UInt8
    /// Source register, 0…10, or a pseudo value for `lddw` (map fd, ...).
    public var src: UInt8
    /// Signed offset: jump distance in slots, or memory displacement.
    public var offset: Int16
    /// Signed 32-bit immediate.
    public var imm: Int32
    /// For a jump built with a label: the target, which `EBPFAssembler`
    /// turns into `offset` (and then clears). Not part of the encoding.
    public var target: EBPFLabel?

    /// Makes an instruction from its raw fields.
    public init(code: UInt8, dst: UInt8 = 0, src: UInt8 = 0, offset: Int16 = 0, imm: Int32 = 0,
                target: EBPFLabel? = nil) {
        self.code = code
        self.target = target
        self.dst = dst
        self.src = src
        self.offset = offset
        self.imm = imm
    }

    /// The 8 bytes the kernel reads, little-endian (x86-64, arm64).
    public var encoded: [UInt8] {
        let o = UInt16(bitPattern: offset), i = UInt32(bitPattern: imm)
        return [code, (src << 4) | (dst & 0x0f), UInt8(o & 0xff), UInt8(o >> 8),
                UInt8(i & 0xff), UInt8((i >> 8) & 0xff), UInt8((i >> 16) & 0xff), UInt8(i >> 24)]
    }
}
