import SluiceCompiler

/// Merging the protocol tests of an `and`/`or` chain: when every run of
/// the chain starts by loading the same field (the EtherType, or once that
/// is known the IP protocol byte), the field is loaded and tested once,
/// and the chain is emitted once per value its primitives compare it with
/// (plus once for "none of them"), each copy knowing the value. In each
/// copy the path facts turn the other protocols' tests into jumps, so
/// `tcp port 80 or tcp port 443 or udp port 53 or icmp` reads the
/// EtherType and the protocol once, as a C `switch` would, and the kernel
/// verifier walks one path per protocol instead of every combination.
///
/// The meaning is unchanged: the first load is the one the chain would
/// make first anyway (same offset, same bounds check), so a frame that
/// ends early is rejected at the same point; the copies differ only in
/// what the facts let them skip.
extension XDPFilterEmitter {
    /// Most values a chain is split on.
    static let maximumSplitValues = 4
    /// No split once this many statements were emitted (bounds code size).
    static let splitBudget = 3000

    mutating func splitOnLeadingField(_ operands: [Filter], ifTrue: EBPFLabel, ifFalse: EBPFLabel, isAnd: Bool) -> Bool {
        guard operands.count >= 2, asm.statementCount < Self.splitBudget, reachable,
              let field = leadingField(operands[0]), facts.value(of: field) == nil,
              field.offset + field.size <= XDPFrame.maximumOffset else { return false }
        // The first values the primitives compare the field with, in order.
        var values: [UInt32] = []
        for operand in operands where values.count < Self.maximumSplitValues {
            operand.forEachPrimitive { primitive in
                for value in splitValues(primitive, field) where values.count < Self.maximumSplitValues
                    && !values.contains(value) && !facts.excludes(field, value) {
                    values.append(value)
                }
            }
        }
        // In an `and` chain the first operand's own test already tells the
        // rest the value, unless that operand tests several (`port`: IPv6, IPv4).
        guard !values.isEmpty, !isAnd || testsSeveralValues(operands[0], field) else { return false }
        let size: EBPFSize = field.size == 1 ? .byte : field.size == 2 ? .half : .word
        // The load belongs to the primitive that would have made it first.
        if let first = operands[0].primitives.first { asm.source = first.span }
        load(size, at: field.offset)
        var cases: [EBPFLabel] = []
        for value in values {
            let label = asm.makeLabel("case")
            var known = facts
            known.learn(field, equals: value)
            emitJump(.jmp32(.jeq, .r0, imm: Int32(bitPattern: value), label), to: label, with: known)
            cases.append(label)
        }
        for value in values { facts.exclude(field, value) }
        // With fewer values than the most, every value is excluded now, so
        // a split of this copy would find none: skip looking again.
        if values.count < Self.maximumSplitValues {
            chainInOrder(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: isAnd)
        } else {
            chain(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: isAnd)
        }
        for label in cases {
            bind(label)
            chain(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: isAnd)
        }
        return true
    }

    /// Whether the primitives of `filter` compare `field` with two values or more.
    private func testsSeveralValues(_ filter: Filter, _ field: PathFacts.Field) -> Bool {
        var first: UInt32?, several = false
        filter.forEachPrimitive { primitive in
            for value in splitValues(primitive, field) where !several {
                if first == nil { first = value } else if first != value { several = true }
            }
        }
        return several
    }

    /// The field every run of `filter` loads first from here, if known.
    func leadingField(_ filter: Filter) -> PathFacts.Field? {
        switch filter {
        case .constant: return nil
        case .not(let operand): return leadingField(operand)
        case .and(let operands), .or(let operands): return operands.first.flatMap(leadingField)
        case .primitive(let primitive): return leadingField(primitive)
        }
    }

    /// The outer frame's layout of a primitive (up to its first tunnel) and
    /// its link-type field, when that is at a constant position with no MPLS.
    private func outerLinkType(_ primitive: Primitive) -> (layout: XDPLayout, field: PathFacts.Field, tunnel: Bool)? {
        let layers = primitive.encapsulation.layers
        let tunnel = layers.firstIndex(where: \.isTunnel)
        let layout = XDPLayout(layers[..<(tunnel ?? layers.endIndex)])
        guard layout.isFixed, layout.mplsDepth == 0 else { return nil }
        return (layout, PathFacts.Field(offset: layout.linkType.offset, size: 2), tunnel != nil)
    }

    private func leadingField(_ primitive: Primitive) -> PathFacts.Field? {
        guard let (layout, type, tunnel) = outerLinkType(primitive) else { return nil }
        if tunnel { return type }  // the tunnel test starts with `ip`
        switch primitive.atom {
        case .port, .ipProtocol:
            guard let known = facts.value(of: type) else { return type }
            guard !layout.isPPP else { return nil }
            let network = layout.network.offset
            switch (primitive.atom, known) {
            case (.port, 0x86dd), (.ipProtocol(_, .v6), 0x86dd), (.ipProtocol(_, .any), 0x86dd):
                return PathFacts.Field(offset: network + 6, size: 1)
            case (.port, 0x0800), (.ipProtocol(_, .v4), 0x0800), (.ipProtocol(_, .any), 0x0800):
                return PathFacts.Field(offset: network + 9, size: 1)
            default: return nil
            }
        case .linkProtocol, .ipv4Address, .ipv6Address, .ipBroadcast, .ipMulticast, .ipv6Multicast, .protocolChain,
             .vlan, .mpls, .pppoeDiscovery, .pppoeSession, .geneve, .vxlan, .llc, .decnetAddress, .isoProtocol, .isisPDU:
            return type
        case .etherHost, .etherBroadcast, .etherMulticast, .comparison:
            return nil
        }
    }

    /// The values `primitive` compares `field` with (EtherTypes, PPP
    /// protocols, VLAN TPIDs, IP protocols), to split a chain on.
    private func splitValues(_ primitive: Primitive, _ field: PathFacts.Field) -> [UInt32] {
        guard let (layout, type, tunnel) = outerLinkType(primitive) else { return [] }
        if field == type {
            if tunnel { return [0x0800, 0x86dd] }
            let types: [UInt32]
            switch primitive.atom {
            case .vlan: return [0x8100, 0x88a8, 0x9100]
            case .linkProtocol(let value): types = value > 1500 && value != 0x809b && value != 0x80f3 ? [UInt32(value)] : []
            case .ipv4Address(_, _, let proto): types = [proto == .ip ? 0x0800 : proto == .arp ? 0x0806 : 0x8035]
            case .ipv6Address, .ipv6Multicast: types = [0x86dd]
            case .ipBroadcast, .ipMulticast: types = [0x0800]
            case .ipProtocol(_, let version), .protocolChain(_, let version):
                types = version == .v4 ? [0x0800] : version == .v6 ? [0x86dd] : [0x0800, 0x86dd]
            case .port, .geneve, .vxlan: types = [0x86dd, 0x0800]
            case .mpls: types = [0x8847]
            case .pppoeDiscovery: types = [0x8863]
            case .pppoeSession: types = [0x8864]
            case .decnetAddress: types = [0x6003]
            default: types = []
            }
            return layout.isPPP ? types.map { UInt32(PPPProtocol.forEtherType(UInt16($0))) } : types
        }
        guard !layout.isPPP, field.size == 1,
              field.offset == layout.network.offset + 9 || field.offset == layout.network.offset + 6 else { return [] }
        switch primitive.atom {
        case .port(_, _, let transport): return (transport.map { [$0] } ?? [.tcp, .udp, .sctp]).map { UInt32($0.rawValue) }
        case .ipProtocol(let number, _): return [UInt32(number)]
        default: return []
        }
    }
}
