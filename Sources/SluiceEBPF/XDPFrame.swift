/// The register conventions and packet-access sequences shared by the XDP
/// code generators: the frame's `data` and `data_end` pointers live in
/// callee-saved registers, and every load is preceded by the bounds check
/// the kernel verifier needs (`data + end > data_end` → out of bounds).
struct XDPFrame {
    /// `xdp_md->data`.
    static let data = EBPFRegister.r6
    /// `xdp_md->data_end`.
    static let dataEnd = EBPFRegister.r7
    /// The IPv4 transport header (data + network + 4 × IHL), kept across
    /// primitives by the IR generator (`PathFacts.transport`).
    static let transport = EBPFRegister.r9
    /// Largest offset a load may use. The kernel verifier gives up on a
    /// packet pointer whose offset may exceed `MAX_PACKET_OFF` (0xffff)
    /// together with its fixed part (frame offset, access size); XDP frames
    /// are far smaller (one page), so anything past this is out of bounds.
    static let maximumOffset = 0x7fff

    /// Loads `data`/`data_end` from the context (r1), as `struct xdp_md`
    /// lays them out: two `u32` fields the kernel rewrites into pointers.
    /// With a `frameOffset`, the packet starts that many bytes into the frame
    /// (`data` points there); a shorter frame goes to `outOfBounds`.
    static func prologue(_ asm: inout EBPFAssembler, frameOffset: UInt8 = 0, outOfBounds: EBPFLabel) {
        asm.emit(.ldx(.word, dst: data, src: .r1, off: 0))
        asm.emit(.ldx(.word, dst: dataEnd, src: .r1, off: 4))
        guard frameOffset > 0 else { return }
        asm.emit(.alu64(.add, data, imm: Int32(frameOffset)))
        asm.emit(.jmp(.jgt, data, dataEnd, outOfBounds))
    }

    /// Jumps to `outOfBounds` unless `data + end <= data_end`; afterwards the
    /// verifier knows `end` bytes from `data` are readable. Uses r2.
    static func checkBounds(_ asm: inout EBPFAssembler, end: Int32, outOfBounds: EBPFLabel) {
        asm.emit(.mov64(.r2, data))
        asm.emit(.alu64(.add, .r2, imm: end))
        asm.emit(.jmp(.jgt, .r2, dataEnd, outOfBounds))
    }

    /// `dst = size bytes at data + offsetRegister` (a 32-bit offset already in
    /// the register, zero-extended), big-endian; out of bounds when the offset
    /// is negative as a signed 32-bit number or past the frame. Uses r1, r2.
    static func loadVariable(_ asm: inout EBPFAssembler, _ size: EBPFSize, offsetIn register: EBPFRegister,
                             into dst: EBPFRegister, outOfBounds: EBPFLabel) {
        if register != .r1 { asm.emit(.mov64(.r1, register)) }
        // Unsigned: a negative 32-bit offset is above 0x7fffffff, so it fails
        // here too, and the verifier learns the offset's upper bound.
        asm.emit(.jmp(.jgt, .r1, imm: Int32(maximumOffset - size.byteCount), outOfBounds))
        asm.emit(.alu64(.add, .r1, data))
        asm.emit(.mov64(.r2, .r1))
        asm.emit(.alu64(.add, .r2, imm: Int32(size.byteCount)))
        asm.emit(.jmp(.jgt, .r2, dataEnd, outOfBounds))
        asm.emit(.ldx(size, dst: dst, src: .r1, off: 0))
        swapFromNetworkOrder(&asm, size, dst)
    }

    /// Network byte order to host order for a loaded field.
    static func swapFromNetworkOrder(_ asm: inout EBPFAssembler, _ size: EBPFSize, _ dst: EBPFRegister) {
        switch size {
        case .half: asm.emit(.endian(.big, dst, bits: 16))
        case .word: asm.emit(.endian(.big, dst, bits: 32))
        case .double: asm.emit(.endian(.big, dst, bits: 64))
        case .byte: break
        }
    }

    /// `r0 = mode's return value for a constant result; exit`.
    static func returnConstant(_ asm: inout EBPFAssembler, result: UInt32, mode: XDPResultMode) {
        asm.emit(.mov32(.r0, imm: Int32(bitPattern: mode.returnValue(forResult: result))))
        asm.emit(.exit)
    }
}
