import SluiceCompiler

/// Each atom as libpcap's `gencode.c` tests it on Ethernet (DLT_EN10MB),
/// loads in the same order as Sluice's cBPF code generator (`AtomLowering`),
/// at the positions of the primitive's `XDPLayout` (its `vlan`, `mpls`,
/// `pppoes` layers, and for a primitive after a tunnel, the inner frame).
extension XDPFilterEmitter {
    /// The network header.
    var network: XDPPosition { layout.network }

    /// A primitive: after `geneve`/`vxlan` layers, first find each inner
    /// frame (`XDPFilterEmitter+Tunnels`), then test the atom there.
    mutating func emitPrimitive(_ primitive: Primitive, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let layers = primitive.encapsulation.layers
        let tunnels = layers.indices.filter { layers[$0].isTunnel }
        guard !tunnels.isEmpty else {
            layout = XDPLayout(layers[...])
            return emitAtom(primitive.atom, ifTrue: ifTrue, ifFalse: ifFalse)
        }
        insideTunnels(primitive, tunnels, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    mutating func emitAtom(_ atom: Atom, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        switch atom {
        case .linkProtocol(let type):
            linkProtocol(type, ifTrue: ifTrue, ifFalse: ifFalse)
        case .etherHost(let address, let direction):
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, source, t, f in
                emitter.etherAddress(address, at: emitter.layout.frameStart + (source ? 6 : 0), ifTrue: t, ifFalse: f)
            }
        case .etherBroadcast:
            etherAddress(.broadcast, at: layout.frameStart, ifTrue: ifTrue, ifFalse: ifFalse)
        case .etherMulticast:
            fieldBits(.byte, at: layout.frameStart, 1, ifSet: ifTrue, ifClear: ifFalse)
        case .ipv4Address(let address, let direction, let proto):
            let (type, source, destination): (UInt16, Int, Int) = switch proto {
            case .ip: (0x0800, 12, 16)
            case .arp: (0x0806, 14, 24)
            case .rarp: (0x8035, 14, 24)
            }
            afterLinkProtocol(type, ifFalse: ifFalse)
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
                emitter.fieldEquals(.word, at: emitter.network + (isSource ? source : destination),
                                    address.address & address.mask, mask: address.mask, ifTrue: t, ifFalse: f)
            }
        case .ipv6Address(let prefix, let direction):
            afterLinkProtocol(0x86dd, ifFalse: ifFalse)
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
                emitter.ipv6Network(prefix, at: emitter.network + (isSource ? 8 : 24), ifTrue: t, ifFalse: f)
            }
        case .ipBroadcast(let netmask):
            // gen_broadcast: host part all zeros or all ones.
            afterLinkProtocol(0x0800, ifFalse: ifFalse)
            let host = ~netmask
            let ones = asm.makeLabel("bcast_ones")
            fieldEquals(.word, at: network + 16, 0, mask: host, ifTrue: ifTrue, ifFalse: ones)
            bind(ones)
            fieldEquals(.word, at: network + 16, host, mask: host, ifTrue: ifTrue, ifFalse: ifFalse)
        case .ipMulticast:
            afterLinkProtocol(0x0800, ifFalse: ifFalse)
            fieldTest(.byte, at: network + 16, .jge, 224, ifTrue: ifTrue, ifFalse: ifFalse)
        case .ipv6Multicast:
            afterLinkProtocol(0x86dd, ifFalse: ifFalse)
            fieldEquals(.byte, at: network + 24, 255, ifTrue: ifTrue, ifFalse: ifFalse)
        case .ipProtocol(let number, let version):
            eitherVersion(version, ifTrue: ifTrue, ifFalse: ifFalse,
                          v4: { $0.ipv4Protocol(number, ifTrue: $1, ifFalse: $2, otherVersion: $3) },
                          v6: { $0.ipv6Protocol(number, ifTrue: $1, ifFalse: $2, otherVersion: $3) })
        case .protocolChain(let number, let version):
            protocolChain(number, version, ifTrue: ifTrue, ifFalse: ifFalse)
        case .port(let range, let direction, let transport):
            // libpcap tests IPv6 first; the EtherTypes exclude each other.
            // Once a frame is IPv6, a failed IPv6 test is the answer.
            let v4 = asm.makeLabel("port_v4")
            ipv6Ports(range, direction, transport, ifTrue: ifTrue, ifFalse: ifFalse, otherVersion: v4)
            bind(v4)
            ipv4Ports(range, direction, transport, ifTrue: ifTrue, ifFalse: ifFalse, otherVersion: ifFalse)
        case .comparison(let lhs, let relation, let rhs):
            comparison(lhs, relation, rhs, ifTrue: ifTrue, ifFalse: ifFalse)
        case .vlan(let id):
            vlan(id, ifTrue: ifTrue, ifFalse: ifFalse)
        case .mpls(let label):
            mpls(label, ifTrue: ifTrue, ifFalse: ifFalse)
        case .pppoeDiscovery:
            linkProtocol(0x8863, ifTrue: ifTrue, ifFalse: ifFalse)
        case .pppoeSession(let id):
            guard let id else { return linkProtocol(0x8864, ifTrue: ifTrue, ifFalse: ifFalse) }
            afterLinkProtocol(0x8864, ifFalse: ifFalse)
            fieldEquals(.half, at: network + 2, UInt32(id), ifTrue: ifTrue, ifFalse: ifFalse)
        case .geneve(let vni):
            locateTunnel(isGeneve: true, vni: vni, level: nil, ifTrue: ifTrue, ifFalse: ifFalse)
        case .vxlan(let vni):
            locateTunnel(isGeneve: false, vni: vni, level: nil, ifTrue: ifTrue, ifFalse: ifFalse)
        case .llc(let kind):
            llc(kind, ifTrue: ifTrue, ifFalse: ifFalse)
        case .decnetAddress(let address, let direction):
            afterLinkProtocol(0x6003, ifFalse: ifFalse)
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
                emitter.decnet(address, short: isSource ? 3 : 1, long: isSource ? 15 : 7, ifTrue: t, ifFalse: f)
            }
        case .isoProtocol(let number):
            afterLinkProtocol(0xfe, ifFalse: ifFalse)
            fieldEquals(.byte, at: layout.networkNoSNAP, UInt32(number), ifTrue: ifTrue, ifFalse: ifFalse)
        case .isisPDU(let type):
            afterLinkProtocol(0xfe, ifFalse: ifFalse)
            let pdu = asm.makeLabel("isis")
            fieldEquals(.byte, at: layout.networkNoSNAP, 0x83, ifTrue: pdu, ifFalse: ifFalse)
            bind(pdu)
            fieldEquals(.byte, at: layout.networkNoSNAP + 4, UInt32(type), ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    // MARK: building blocks

    /// Goes on (falls through) when the link-level protocol is `type`, else to `ifFalse`.
    mutating func afterLinkProtocol(_ type: UInt16, ifFalse: EBPFLabel) {
        let next = asm.makeLabel("linktype")
        linkProtocol(type, ifTrue: next, ifFalse: ifFalse)
        bind(next)
    }

    /// Source, destination, either (source first) or both, as gen_hostop does.
    mutating func directed(_ direction: Direction, ifTrue: EBPFLabel, ifFalse: EBPFLabel,
                           _ side: (inout XDPFilterEmitter, Bool, EBPFLabel, EBPFLabel) -> Void) {
        switch direction {
        case .source: side(&self, true, ifTrue, ifFalse)
        case .destination: side(&self, false, ifTrue, ifFalse)
        case .sourceOrDestination:
            let other = asm.makeLabel("dst")
            side(&self, true, ifTrue, other)
            bind(other)
            side(&self, false, ifTrue, ifFalse)
        case .sourceAndDestination:
            let other = asm.makeLabel("dst")
            side(&self, true, other, ifFalse)
            bind(other)
            side(&self, false, ifTrue, ifFalse)
        }
    }

    /// IPv4 (`v4`), IPv6 (`v6`) or either (IPv4 first, as gen_proto does).
    /// Each test goes to its third label when the EtherType is not its own
    /// (the other version's test), and to `ifFalse` when it fails after
    /// that: the EtherTypes exclude each other.
    mutating func eitherVersion(_ version: IPVersion, ifTrue: EBPFLabel, ifFalse: EBPFLabel,
                                v4: (inout XDPFilterEmitter, EBPFLabel, EBPFLabel, EBPFLabel) -> Void,
                                v6: (inout XDPFilterEmitter, EBPFLabel, EBPFLabel, EBPFLabel) -> Void) {
        switch version {
        case .v4: v4(&self, ifTrue, ifFalse, ifFalse)
        case .v6: v6(&self, ifTrue, ifFalse, ifFalse)
        case .any:
            let other = asm.makeLabel("ip6")
            v4(&self, ifTrue, ifFalse, other)
            bind(other)
            v6(&self, ifTrue, ifFalse, ifFalse)
        }
    }

    /// gen_bcmp on 6 bytes: the last four as a word, then the first two.
    mutating func etherAddress(_ address: MACAddress, at position: XDPPosition, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let high = asm.makeLabel("mac_high")
        fieldEquals(.word, at: position + 2, UInt32(truncatingIfNeeded: address.value), ifTrue: high, ifFalse: ifFalse)
        bind(high)
        fieldEquals(.half, at: position, UInt32(truncatingIfNeeded: address.value >> 32), ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// gen_hostop6: the four words in order; words the prefix masks out entirely are not loaded.
    mutating func ipv6Network(_ prefix: IPv6Network, at position: XDPPosition, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let words = (0..<4).filter { prefix.maskWord($0) != 0 }
        all(words.map { index in
            { emitter, t, f in
                let mask = prefix.maskWord(index)
                emitter.fieldEquals(.word, at: position + 4 * index, prefix.word(index) & mask, mask: mask,
                                    ifTrue: t, ifFalse: f)
            }
        }, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    mutating func ipv4Protocol(_ number: UInt8, ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterLinkProtocol(0x0800, ifFalse: otherVersion)
        fieldEquals(.byte, at: network + 9, UInt32(number), ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// The next header, or the one behind a fragment header (gen_proto, Q_IPV6).
    mutating func ipv6Protocol(_ number: UInt8, ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterLinkProtocol(0x86dd, ifFalse: otherVersion)
        let fragment = asm.makeLabel("ip6_frag"), behind = asm.makeLabel("ip6_behind")
        fieldEquals(.byte, at: network + 6, UInt32(number), ifTrue: ifTrue, ifFalse: fragment)
        bind(fragment)
        fieldEquals(.byte, at: network + 6, 44, ifTrue: behind, ifFalse: ifFalse)
        bind(behind)
        fieldEquals(.byte, at: network + 40, UInt32(number), ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// IPv4 that is not a non-first fragment (gen_ipfrag).
    mutating func ipv4FirstFragment(ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        fieldBits(.half, at: network + 6, 0x1fff, ifSet: ifFalse, ifClear: ifTrue)
    }
}
