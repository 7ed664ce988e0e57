import SluiceBytecode

/// Loads: immediates, scratch, length, and packet bytes (`ABS`, `IND`, `MSH`).
extension CBPFTranslation {
    mutating func translateLoad(_ instruction: Instruction, at index: Int) throws(CBPFTranslationError) {
        let isX = instruction.instructionClass == .ldx
        let dst = isX ? Self.x : Self.a
        guard let mode = instruction.addressMode, let size = instruction.loadSize else {
            throw error(index, .unsupportedOpcode)
        }
        let ebpfSize: EBPFSize = size == .word ? .word : size == .half ? .half : .byte
        switch (mode, isX) {
        case (.imm, _):
            asm.emit(.mov32(dst, imm: Int32(bitPattern: instruction.k)))
        case (.mem, _):
            asm.emit(.ldx(.word, dst: dst, src: .frame, off: Self.scratchOffset(instruction.k)))
        case (.len, _):
            // data_end - data: the frame's length (the linear part in XDP).
            asm.emit(.mov64(dst, XDPFrame.dataEnd))
            asm.emit(.alu64(.sub, dst, XDPFrame.data))
        case (.abs, false):
            try checkAbsolute(instruction.k, at: index)
            loadConstant(ebpfSize, offset: instruction.k, into: dst, at: index)
        case (.ind, false):
            // Linux computes X + k in 32 bits and reads it as a signed int.
            // k first, then X: `r1 = X; r1 += k` would make r1 a copy of X
            // with k as its linked-register delta, and the kernel verifier
            // (6.18) refuses pointer arithmetic with a scalar whose delta is
            // 2^29 or more ("pkt pointer offset ... is not allowed"), even
            // after r1's bounds check. A constant plus X is a fresh value.
            asm.emit(.mov32(.r1, imm: Int32(bitPattern: instruction.k)))
            asm.emit(.alu32(.add, .r1, Self.x))
            XDPFrame.loadVariable(&asm, ebpfSize, offsetIn: .r1, into: dst, outOfBounds: returnZero)
        case (.msh, true) where size == .byte:
            try checkAbsolute(instruction.k, at: index)
            loadConstant(.byte, offset: instruction.k, into: Self.x, at: index)
            asm.emit(.alu32(.and, Self.x, imm: 0x0f))
            asm.emit(.alu32(.lsh, Self.x, imm: 2))
        default:
            throw error(index, .unsupportedOpcode)
        }
    }

    /// Offsets at or above `SKF_LL_OFF` are Linux's special negative offsets.
    func checkAbsolute(_ k: UInt32, at index: Int) throws(CBPFTranslationError) {
        if k >= Ancillary.base {
            throw error(index, .ancillaryLoad(Ancillary(loadOffset: k)))
        }
        if k >= Ancillary.linkLayerBase {
            throw error(index, .headerRelativeLoad)
        }
    }
}
