/// Loads at positions that may have a run-time part (inside tunnels, the
/// transport header, `proto[expr]`): the offset is computed in 32 bits
/// with wraparound, as Linux computes a cBPF `X + k`, and anything
/// negative as a signed number or past `XDPFrame.maximumOffset` rejects
/// the frame (XDP has no `SKF_NET_OFF`/`SKF_LL_OFF` windows; frames are
/// far shorter), as `CBPFTranslator` does.
extension XDPFilterEmitter {
    /// `register = size bytes at position` (big-endian); a constant position
    /// past any frame rejects the frame there, as libpcap's load does.
    mutating func load(_ size: EBPFSize, at position: XDPPosition, into register: EBPFRegister = .r0) {
        guard let slot = position.slot else {
            guard position.offset >= 0, position.offset + size.byteCount <= XDPFrame.maximumOffset else {
                return rejectHere(clearing: register)
            }
            return load(size, at: position.offset, into: register)
        }
        asm.emit(.ldx(.word, dst: .r1, src: .frame, off: XDPLayout.slotOffset(slot)))
        loadIndexed(size, base: .r1, plus: position.offset, into: register)
    }

    /// `register = size bytes at (base + k) mod 2^32` from `data`, where
    /// `base` holds a 32-bit offset. Uses r1 and r2.
    mutating func loadIndexed(_ size: EBPFSize, base: EBPFRegister, plus k: Int, into register: EBPFRegister) {
        // libpcap and Sluice's cBPF: a constant part of 2^31 or more is past any packet.
        guard k >= 0, k < 0x8000_0000 else { return rejectHere(clearing: register) }
        if base != .r1 { asm.emit(.mov32(.r1, base)) }
        if k != 0 { asm.emit(.alu32(.add, .r1, imm: Int32(truncatingIfNeeded: k))) }
        XDPFrame.loadVariable(&asm, size, offsetIn: .r1, into: register, outOfBounds: outOfBounds)
        if register == .r0 { facts.r0 = nil }
    }

    /// The frame ends the program here (a load no frame can satisfy); the
    /// register gets a value so later code is well-formed (it is dropped as
    /// unreachable).
    mutating func rejectHere(clearing register: EBPFRegister) {
        jump(to: outOfBounds)
        asm.emit(.mov32(register, imm: 0))
        if register == .r0 { facts.r0 = nil }
    }

    /// `*(u32 *)(r10 + slotOffset(slot)) = register`.
    mutating func store(_ register: EBPFRegister, toSlot slot: Int) {
        asm.emit(.stx(.word, dst: .frame, off: XDPLayout.slotOffset(slot), src: register))
    }

    /// `register = *(u32 *)(r10 + slotOffset(slot))`.
    mutating func loadSlot(_ slot: Int, into register: EBPFRegister) {
        asm.emit(.ldx(.word, dst: register, src: .frame, off: XDPLayout.slotOffset(slot)))
        if register == .r0 { facts.r0 = nil }
    }

    /// `register = absolute offset of position` (32 bits).
    mutating func offset(of position: XDPPosition, into register: EBPFRegister) {
        if let slot = position.slot {
            loadSlot(slot, into: register)
            if position.offset != 0 { asm.emit(.alu32(.add, register, imm: Int32(truncatingIfNeeded: position.offset))) }
        } else {
            asm.emit(.mov32(register, imm: Int32(truncatingIfNeeded: position.offset)))
        }
    }

    /// `register = offset of the transport header behind the IPv4 header at
    /// network` (its start plus 4 × IHL; libpcap's `ldxb 4*([nl]&0xf)`).
    mutating func transportStart(into register: EBPFRegister) {
        let network = layout.network
        load(.byte, at: network, into: register)
        asm.emit(.alu32(.and, register, imm: 0x0f))
        asm.emit(.alu32(.lsh, register, imm: 2))
        if let slot = network.slot {
            asm.emit(.ldx(.word, dst: .r2, src: .frame, off: XDPLayout.slotOffset(slot)))
            asm.emit(.alu32(.add, register, .r2))
        }
        if network.offset != 0 { asm.emit(.alu32(.add, register, imm: Int32(truncatingIfNeeded: network.offset))) }
        if register == .r0 { facts.r0 = nil }
    }
}
