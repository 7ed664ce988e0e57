import SluiceCompiler

/// Port tests (gen_port, gen_port6, gen_portrange): the transport protocol,
/// for IPv4 no fragment offset, then source before destination port.
extension XDPFilterEmitter {
    /// The protocol byte is one of `transport` (or TCP, UDP, SCTP).
    mutating func transportProtocol(_ transport: Transport?, at offset: Int, ifFalse: EBPFLabel) {
        let found = asm.makeLabel("transport")
        let choices: [Transport] = transport.map { [$0] } ?? [.tcp, .udp, .sctp]
        for (index, choice) in choices.enumerated() {
            let next = index == choices.count - 1 ? ifFalse : asm.makeLabel("transport_next")
            fieldEquals(.byte, at: offset, UInt32(choice.rawValue), ifTrue: found, ifFalse: next)
            if next != ifFalse { bind(next) }
        }
        bind(found)
    }

    mutating func ipv6Ports(_ range: PortRange, _ direction: Direction, _ transport: Transport?,
                            ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterEtherType(0x86dd, ifFalse: otherVersion)
        transportProtocol(transport, at: network + 6, ifFalse: ifFalse)
        directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
            emitter.load(.half, at: emitter.network + 40 + (isSource ? 0 : 2))
            emitter.portInRange(range, ifTrue: t, ifFalse: f)
        }
    }

    mutating func ipv4Ports(_ range: PortRange, _ direction: Direction, _ transport: Transport?,
                            ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterEtherType(0x0800, ifFalse: otherVersion)
        transportProtocol(transport, at: network + 9, ifFalse: ifFalse)
        // gen_ipfrag: only the first fragment has the ports.
        let first = asm.makeLabel("first_fragment")
        load(.half, at: network + 6)
        test(.jset, 0x1fff, whenTrue: ifFalse, whenFalse: first)
        bind(first)
        // r1 = data + 4 * IHL (libpcap's `ldxb 4*([14]&0xf)`).
        load(.byte, at: network, into: .r1)
        asm.emit(.alu32(.and, .r1, imm: 0x0f))
        asm.emit(.alu32(.lsh, .r1, imm: 2))
        asm.emit(.alu64(.add, .r1, XDPFrame.data))
        directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
            emitter.loadRelative(.half, at: emitter.network + (isSource ? 0 : 2))
            emitter.portInRange(range, ifTrue: t, ifFalse: f)
        }
    }

    /// w0 (a port) lies in `range`.
    mutating func portInRange(_ range: PortRange, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        if range.isSinglePort {
            test(.jeq, UInt32(range.lower), whenTrue: ifTrue, whenFalse: ifFalse)
            return
        }
        if range.lower > 0 { emitJump(.jmp32(.jlt, .r0, imm: Int32(range.lower), ifFalse), to: ifFalse) }
        test(.jle, UInt32(range.upper), whenTrue: ifTrue, whenFalse: ifFalse)
    }
}
