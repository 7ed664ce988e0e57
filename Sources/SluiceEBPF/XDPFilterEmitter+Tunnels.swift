import SluiceCompiler

/// `geneve [vni]` and `vxlan [vni]` (`gen_geneve`, `gen_vxlan`), as Sluice's
/// cBPF generator lowers them (`TunnelCode`): UDP to port 6081/4789 over
/// IPv4 (first fragments) or IPv6 (fixed header), the tunnel header's
/// version/flags, the VNI. A primitive after a tunnel locates the inner
/// frame itself (tunnel test, then the inner frame's start, link-type field
/// and payload offsets into stack slots), so its meaning does not depend on
/// which other primitives ran.
extension XDPFilterEmitter {
    /// A primitive after one or more tunnels (`tunnels`: indices of its tunnel layers).
    mutating func insideTunnels(_ primitive: Primitive, _ tunnels: [Int], ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let layers = primitive.encapsulation.layers
        guard tunnels.count <= XDPLayout.maximumTunnelLevels else {
            return unsupported("more than \(XDPLayout.maximumTunnelLevels) nested tunnels", ifFalse: ifFalse)
        }
        layout = XDPLayout(layers[..<tunnels[0]])
        for (level, index) in tunnels.enumerated() {
            let found = asm.makeLabel("tunnel")
            locateTunnel(isGeneve: layers[index] == .geneve, vni: nil, level: level, ifTrue: found, ifFalse: ifFalse)
            bind(found)
            let end = level + 1 < tunnels.count ? tunnels[level + 1] : layers.endIndex
            layout = XDPLayout(tunnelLevel: level, layers[(index + 1)..<end])
        }
        emitAtom(primitive.atom, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// The tunnel over IPv4, then over IPv6, in the current layout; with a
    /// `level`, also store the inner frame's positions in that level's slots.
    mutating func locateTunnel(isGeneve: Bool, vni: UInt32?, level: Int?, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let port: UInt32 = isGeneve ? 6081 : 4789
        let network = layout.network
        // Tunnel header (r3 + k), first byte: Geneve version 0, VXLAN flags with only the I bit.
        let headerChecks: [Part] = [
            { emitter, t, f in
                emitter.loadIndexed(.byte, base: .r3, plus: 0, into: .r0)
                if isGeneve { emitter.maskR0(0xc0) }
                emitter.test(.jeq, isGeneve ? 0 : 0x08, whenTrue: t, whenFalse: f)
            },
            { emitter, t, f in
                guard let vni else { return emitter.jump(to: t) }
                emitter.loadIndexed(.word, base: .r3, plus: 4, into: .r0)
                emitter.maskR0(0xffff_ff00)
                emitter.test(.jeq, vni << 8, whenTrue: t, whenFalse: f)
            },
            { emitter, t, _ in
                if let level { emitter.storeInnerFrame(isGeneve: isGeneve, level: level) }
                emitter.jump(to: t)
            },
        ]
        let overIPv4: [Part] = [
            { $0.linkProtocol(0x0800, ifTrue: $1, ifFalse: $2) },
            { $0.fieldEquals(.byte, at: network + 9, 17, ifTrue: $1, ifFalse: $2) },
            { $0.ipv4FirstFragment(ifTrue: $1, ifFalse: $2) },
            { emitter, t, f in
                emitter.transportStart(into: .r3)
                emitter.loadIndexed(.half, base: .r3, plus: 2, into: .r0)
                emitter.asm.emit(.alu32(.add, .r3, imm: 8))  // r3 = the tunnel header
                emitter.test(.jeq, port, whenTrue: t, whenFalse: f)
            },
        ]
        let overIPv6: [Part] = [
            { $0.linkProtocol(0x86dd, ifTrue: $1, ifFalse: $2) },
            { $0.fieldEquals(.byte, at: network + 6, 17, ifTrue: $1, ifFalse: $2) },
            { $0.fieldEquals(.half, at: network + 42, port, ifTrue: $1, ifFalse: $2) },
            { emitter, t, _ in
                emitter.offset(of: network + 48, into: .r3)
                emitter.jump(to: t)
            },
        ]
        any([{ $0.all(overIPv4 + headerChecks, ifTrue: $1, ifFalse: $2) },
             { $0.all(overIPv6 + headerChecks, ifTrue: $1, ifFalse: $2) }], ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// With r3 = the tunnel header's offset: store the inner frame's start,
    /// link-type field and payload. VXLAN always carries Ethernet; Geneve
    /// carries Ethernet when its protocol type is 0x6558, else the payload
    /// is the network layer and its protocol type plays the EtherType.
    private mutating func storeInnerFrame(isGeneve: Bool, level: Int) {
        let slots = XDPLayout.tunnelSlots(level)
        let storeEthernet = { (emitter: inout XDPFilterEmitter) in
            // r4 = the inner frame's start.
            emitter.store(.r4, toSlot: slots.frame)
            emitter.asm.emit(.alu32(.add, .r4, imm: 12))
            emitter.store(.r4, toSlot: slots.linkType)
            emitter.asm.emit(.alu32(.add, .r4, imm: 2))
            emitter.store(.r4, toSlot: slots.payload)
        }
        guard isGeneve else {
            asm.emit(.mov32(.r4, .r3))
            asm.emit(.alu32(.add, .r4, imm: 8))
            return storeEthernet(&self)
        }
        // frame = header + 8 + 4 * option length.
        loadIndexed(.byte, base: .r3, plus: 0, into: .r4)
        asm.emit(.alu32(.and, .r4, imm: 0x3f))
        asm.emit(.alu32(.lsh, .r4, imm: 2))
        asm.emit(.alu32(.add, .r4, imm: 8))
        asm.emit(.alu32(.add, .r4, .r3))
        let ethernet = asm.makeLabel("geneve_ether"), other = asm.makeLabel("geneve_other")
        let done = asm.makeLabel("geneve_done")
        loadIndexed(.half, base: .r3, plus: 2, into: .r0)
        test(.jeq, 0x6558, whenTrue: ethernet, whenFalse: other)
        bind(ethernet)
        storeEthernet(&self)
        jump(to: done)
        bind(other)
        store(.r4, toSlot: slots.frame)
        store(.r4, toSlot: slots.payload)
        asm.emit(.mov32(.r4, .r3))
        asm.emit(.alu32(.add, .r4, imm: 2))
        store(.r4, toSlot: slots.linkType)
        bind(done)
    }
}
