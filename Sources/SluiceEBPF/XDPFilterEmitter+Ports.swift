import SluiceCompiler

/// Port tests (gen_port, gen_port6, gen_portrange): the transport protocol,
/// for IPv4 no fragment offset, then source before destination port.
extension XDPFilterEmitter {
    /// The protocol byte is one of `transport` (or TCP, UDP, SCTP).
    mutating func transportProtocol(_ transport: Transport?, at position: XDPPosition, ifFalse: EBPFLabel) {
        // `any` without a closure per choice: this runs for every port test.
        let found = asm.makeLabel("transport")
        let choices: [Transport] = transport.map { [$0] } ?? [.tcp, .udp, .sctp]
        for (index, choice) in choices.enumerated() {
            let next = index == choices.count - 1 ? ifFalse : asm.makeLabel("or")
            fieldEquals(.byte, at: position, UInt32(choice.rawValue), ifTrue: found, ifFalse: next)
            if next != ifFalse { bind(next) }
        }
        bind(found)
    }

    mutating func ipv6Ports(_ range: PortRange, _ direction: Direction, _ transport: Transport?,
                            ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterLinkProtocol(0x86dd, ifFalse: otherVersion)
        transportProtocol(transport, at: network + 6, ifFalse: ifFalse)
        directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
            emitter.load(.half, at: emitter.network + 40 + (isSource ? 0 : 2))
            emitter.portInRange(range, ifTrue: t, ifFalse: f)
        }
    }

    mutating func ipv4Ports(_ range: PortRange, _ direction: Direction, _ transport: Transport?,
                            ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterLinkProtocol(0x0800, ifFalse: otherVersion)
        transportProtocol(transport, at: network + 9, ifFalse: ifFalse)
        let fixed = network.slot == nil && network.offset + 64 <= XDPFrame.maximumOffset
        // r9 = data + 4 * IHL (libpcap's `ldxb 4*([14]&0xf)`); the ports at
        // r9 + network. Computed before the fragment test (both bytes lie
        // inside what the protocol test checked, so the order changes no
        // verdict) so that every path out of this test keeps r9.
        if fixed, facts.transport?.network != network.offset {
            let r9 = XDPFrame.transport
            load(.byte, at: network.offset, into: r9)
            asm.emit(.alu32(.and, r9, imm: 0x0f))
            asm.emit(.alu32(.lsh, r9, imm: 2))
            asm.emit(.alu64(.add, r9, XDPFrame.data))
            facts.transport = PathFacts.Transport(network: network.offset, checked: 0)
        }
        // gen_ipfrag: only the first fragment has the ports.
        let first = asm.makeLabel("first_fragment")
        ipv4FirstFragment(ifTrue: first, ifFalse: ifFalse)
        bind(first)
        guard fixed else {
            // Inside a tunnel: the transport header's offset in r3.
            transportStart(into: .r3)
            return directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
                emitter.loadIndexed(.half, base: .r3, plus: isSource ? 0 : 2, into: .r0)
                emitter.portInRange(range, ifTrue: t, ifFalse: f)
            }
        }
        directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
            emitter.loadRelative(.half, at: emitter.network.offset + (isSource ? 0 : 2))
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
