import SluiceBytecode

/// `geneve [vni]` and `vxlan [vni]` (`gen_geneve`, `gen_vxlan`): UDP to
/// port 6081/4789 over IPv4 (first fragments) or IPv6 (fixed header), the
/// tunnel header's version/flags, the VNI.
///
/// libpcap records the inner frame's offsets in scratch words when the
/// tunnel primitive matches, and later primitives read them. Sluice keeps
/// each primitive self-contained: a primitive after a tunnel locates the
/// inner frame itself (tunnel test, then the offsets into scratch words),
/// so `vxlan and ip` means what libpcap means, and the meaning does not
/// depend on which other primitives ran.
struct TunnelCode {
    let lowering: AtomLowering

    /// Scratch words used per tunnel level (frame start, link type, payload).
    static let slotsPerLevel: UInt32 = 3
    /// Deepest tunnel nesting (slots for arithmetic must remain).
    static let maximumLevels = 3

    /// The tunnel test itself, in the frame `lowering` describes.
    func condition(_ atom: Atom) throws(GenerationError) -> Condition {
        switch atom {
        case .geneve(let vni): return try locate(isGeneve: true, vni: vni, slots: nil)
        case .vxlan(let vni): return try locate(isGeneve: false, vni: vni, slots: nil)
        default: return .constant(false)
        }
    }

    /// A primitive after one or more tunnels: find each inner frame, then test.
    static func inside(_ primitive: Primitive) throws(GenerationError) -> Condition {
        let layers = primitive.encapsulation.layers
        let tunnelIndices = layers.indices.filter { layers[$0].isTunnel }
        guard tunnelIndices.count <= maximumLevels else {
            throw GenerationError(message: "more than \(maximumLevels) nested tunnels", span: primitive.span)
        }
        var steps: [Condition] = []
        var start = layers.startIndex
        var layout = FrameLayout(layers[start..<tunnelIndices[0]])
        for (level, index) in tunnelIndices.enumerated() {
            let first = UInt32(level) * slotsPerLevel
            let enclosing = AtomLowering(layout: layout, span: primitive.span, firstFreeScratch: first)
            let slots = (frame: first, linkType: first + 1, payload: first + 2)
            steps.append(try TunnelCode(lowering: enclosing).locate(isGeneve: layers[index] == .geneve, vni: nil, slots: slots))
            start = index + 1
            let end = level + 1 < tunnelIndices.count ? tunnelIndices[level + 1] : layers.endIndex
            layout = FrameLayout(frame: slots.frame, linkType: slots.linkType, payload: slots.payload, layers[start..<end])
        }
        let free = UInt32(tunnelIndices.count) * slotsPerLevel
        let inner = AtomLowering(layout: layout, span: primitive.span, firstFreeScratch: free)
        return .and(steps + [try inner.condition(primitive.atom)])
    }

    /// The tunnel over IPv4, then over IPv6; with `slots`, also store the
    /// inner frame's positions there.
    func locate(isGeneve: Bool, vni: UInt32?, slots: (frame: UInt32, linkType: UInt32, payload: UInt32)?) throws(GenerationError) -> Condition {
        let layout = lowering.layout
        let span = lowering.span
        let port: UInt32 = isGeneve ? 6081 : 4789
        let network = layout.network
        // UDP header + 8 = tunnel header; its first byte: Geneve version (0), VXLAN flags (I bit only).
        let headerCheck = { (load: [Instruction]) -> Condition in
            isGeneve ? .equal(load, 0, mask: 0xc0, span: span) : .equal(load, 0x08, span: span)
        }
        let vniCheck = { (load: [Instruction]) -> Condition in
            guard let vni else { return .constant(true) }
            return .equal(load, vni << 8, mask: 0xffff_ff00, span: span)
        }
        let v4 = Condition.and([
            try lowering.linkProtocol(0x0800),
            .equal(lowering.load(.byte, network + 9), 17, span: span),
            lowering.ipv4FirstFragment,
            .equal(layout.loadTransport(.half, at: 2), port, span: span),
            headerCheck(layout.loadTransport(.byte, at: 8)),
            vniCheck(layout.loadTransport(.word, at: 12)),
            slots.map { store(header: layout.transportInX + [.txa, .alu(.add, network.offset &+ 8)], $0, isGeneve) }
                ?? .constant(true),
        ])
        let v6Header = network + 48
        let v6 = Condition.and([
            try lowering.linkProtocol(0x86dd),
            .equal(lowering.load(.byte, network + 6), 17, span: span),
            .equal(lowering.load(.half, network + 42), port, span: span),
            headerCheck(lowering.load(.byte, v6Header)),
            vniCheck(lowering.load(.word, v6Header + 4)),
            slots.map { store(header: absolute(v6Header), $0, isGeneve) } ?? .constant(true),
        ])
        return .or([v4, v6])
    }

    /// Statements leaving the absolute value of `position` in A.
    private func absolute(_ position: Position) -> [Instruction] {
        guard let base = position.base else { return [.loadImmediate(position.offset)] }
        return [.loadScratch(base), .alu(.add, position.offset)]
    }

    /// With A = the tunnel header's offset: store the inner frame's start,
    /// link-type field and payload. VXLAN always carries Ethernet; Geneve
    /// carries Ethernet when its protocol type is 0x6558, else the payload
    /// is the network layer and its protocol type plays the ethertype.
    private func store(header: [Instruction], _ slots: (frame: UInt32, linkType: UInt32, payload: UInt32),
                       _ isGeneve: Bool) -> Condition {
        let span = lowering.span
        guard isGeneve else {
            return .effect(header + [.alu(.add, 8), .store(slots.frame), .alu(.add, 12), .store(slots.linkType),
                                     .alu(.add, 2), .store(slots.payload)], span)
        }
        // X = header; frame = header + 8 + 4 * option length.
        let frame: [Instruction] = header + [.tax, .load(.byte, indirect: 0), .alu(.and, 0x3f), .alu(.lsh, 2),
                                             .alu(.add, 8), .aluX(.add), .store(slots.frame)]
        let isEthernet = Condition.test(Test(statements: [.load(.half, indirect: 2)], operation: .jeq,
                                             operand: .constant(0x6558), span: span))
        let ethernet = Condition.effect([.loadScratch(slots.frame), .alu(.add, 12), .store(slots.linkType),
                                         .alu(.add, 2), .store(slots.payload)], span)
        let other = Condition.effect([.txa, .alu(.add, 2), .store(slots.linkType), .loadScratch(slots.frame),
                                      .store(slots.payload)], span)
        return .and([.effect(frame, span), .choose(isEthernet, ethernet, other)])
    }
}
