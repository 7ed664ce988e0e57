import SluiceCompiler

/// `protochain N` (`gen_protochain`): follow IPv6 extension headers and AH
/// from the IP header until protocol N, "no next header" (59) or anything
/// else. libpcap loops with a backward jump; like Sluice's cBPF generator
/// (`ProtocolChain`), the steps are unrolled, with the same limits (104
/// headers for IPv6, 16 for IPv4, where only AH can repeat), so both give
/// the same answer on every chain, even one longer than the limit.
///
/// Registers: w3 = the protocol at hand (cBPF's A), w4 = the next header's
/// offset from the IP header (cBPF's X).
extension XDPFilterEmitter {
    mutating func protocolChain(_ number: UInt8, _ version: IPVersion, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        guard layout.isFixed else {
            return unsupported("'protochain' not supported with variable length headers", ifFalse: ifFalse)
        }
        switch version {
        case .v4: chain(number, ipv6: false, ifTrue: ifTrue, ifFalse: ifFalse)
        case .v6: chain(number, ipv6: true, ifTrue: ifTrue, ifFalse: ifFalse)
        case .any:
            let v6 = asm.makeLabel("protochain6")
            chain(number, ipv6: false, ifTrue: ifTrue, ifFalse: v6)
            bind(v6)
            chain(number, ipv6: true, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    private mutating func chain(_ number: UInt8, ipv6: Bool, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        afterLinkProtocol(ipv6 ? 0x86dd : 0x0800, ifFalse: ifFalse)
        let nl = network.offset
        if ipv6 {
            load(.byte, at: nl + 6, into: .r3)
            asm.emit(.mov32(.r4, imm: 40))
        } else {
            load(.byte, at: nl + 9, into: .r3)
            load(.byte, at: nl, into: .r4)
            asm.emit(.alu32(.and, .r4, imm: 0x0f))
            asm.emit(.alu32(.lsh, .r4, imm: 2))
        }
        let steps = ipv6 ? 104 : 16
        for _ in 0..<steps {
            let next = asm.makeLabel("chain_next"), advance = asm.makeLabel("chain_ext")
            let authentication = asm.makeLabel("chain_ah")
            emitJump(.jmp32(.jeq, .r3, imm: Int32(number), ifTrue), to: ifTrue)
            emitJump(.jmp32(.jeq, .r3, imm: 59, ifFalse), to: ifFalse)
            if ipv6 {
                for header: Int32 in [0, 60, 43, 44] { emitJump(.jmp32(.jeq, .r3, imm: header, advance), to: advance) }
            }
            emitJump(.jmp32(.jne, .r3, imm: 51, ifFalse), to: ifFalse)
            // AH: X += (length + 2) * 4.
            bind(authentication)
            chainAdvance(shift: 2, networkOffset: nl)
            jump(to: next)
            if ipv6 {
                // Extension header: X += (length + 1) * 8.
                bind(advance)
                chainAdvance(shift: 3, networkOffset: nl)
            }
            bind(next)
        }
        jump(to: ifFalse)
    }

    /// w4 += (byte at nl + w4 + 1) << shift + 8, w3 = byte at nl + old w4.
    private mutating func chainAdvance(shift: Int32, networkOffset nl: Int) {
        loadIndexed(.byte, base: .r4, plus: nl + 1, into: .r5)
        asm.emit(.alu32(.lsh, .r5, imm: shift))
        asm.emit(.alu32(.add, .r5, imm: 8))
        asm.emit(.alu32(.add, .r5, .r4))
        loadIndexed(.byte, base: .r4, plus: nl, into: .r3)
        asm.emit(.mov32(.r4, .r5))
    }
}
