import SluiceCompiler

/// Each atom as libpcap's `gencode.c` tests it on Ethernet (DLT_EN10MB),
/// loads in the same order. Offsets: EtherType at 12, network header at 14,
/// both 4 bytes later for each 802.1Q tag before the primitive (`linkShift`;
/// libpcap moves `off_linktype` and `off_linkpl`, not the MAC addresses).
extension XDPFilterEmitter {
    /// The network header's offset.
    var network: Int { 14 + linkShift }

    /// Nil when the atom can be generated directly, else why not.
    static func unsupportedReason(_ primitive: Primitive) -> String? {
        guard primitive.encapsulation.layers.allSatisfy({ $0 == .vlan }) else {
            return "primitives after mpls/pppoes/geneve/vxlan are not generated directly"
        }
        switch primitive.atom {
        case .linkProtocol(let type):
            // libpcap tests LLC/SNAP encapsulations for these, not just the EtherType.
            if type <= 1500 || type == 0x809b || type == 0x80f3 { return "link protocol \(type) needs LLC/SNAP tests" }
            return nil
        case .comparison(let lhs, _, let rhs):
            return unsupportedArithmetic(lhs) ?? unsupportedArithmetic(rhs, depth: 1)
        case .etherHost, .etherBroadcast, .etherMulticast, .ipv4Address, .vlan, .ipv6Address, .ipBroadcast,
             .ipMulticast, .ipv6Multicast, .ipProtocol, .port:
            return nil
        default:
            return "\(primitive.atom) is not generated directly"
        }
    }

    mutating func emitAtom(_ atom: Atom, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        switch atom {
        case .linkProtocol(let type):
            etherType(type, ifTrue: ifTrue, ifFalse: ifFalse)
        case .etherHost(let address, let direction):
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, source, t, f in
                emitter.etherAddress(address, at: source ? 6 : 0, ifTrue: t, ifFalse: f)
            }
        case .etherBroadcast:
            etherAddress(.broadcast, at: 0, ifTrue: ifTrue, ifFalse: ifFalse)
        case .etherMulticast:
            load(.byte, at: 0)
            test(.jset, 1, whenTrue: ifTrue, whenFalse: ifFalse)
        case .ipv4Address(let address, let direction, let proto):
            let base = network
            let (type, source, destination): (UInt16, Int, Int) = switch proto {
            case .ip: (0x0800, base + 12, base + 16)
            case .arp: (0x0806, base + 14, base + 24)
            case .rarp: (0x8035, base + 14, base + 24)
            }
            afterEtherType(type, ifFalse: ifFalse)
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
                emitter.maskedWord(at: isSource ? source : destination, address.address, mask: address.mask,
                                   ifTrue: t, ifFalse: f)
            }
        case .ipv6Address(let prefix, let direction):
            afterEtherType(0x86dd, ifFalse: ifFalse)
            directed(direction, ifTrue: ifTrue, ifFalse: ifFalse) { emitter, isSource, t, f in
                emitter.ipv6Network(prefix, at: emitter.network + (isSource ? 8 : 24), ifTrue: t, ifFalse: f)
            }
        case .ipBroadcast(let netmask):
            // gen_broadcast: host part all zeros or all ones.
            afterEtherType(0x0800, ifFalse: ifFalse)
            let host = ~netmask
            let ones = asm.makeLabel("bcast_ones")
            maskedWord(at: network + 16, 0, mask: host, ifTrue: ifTrue, ifFalse: ones)
            bind(ones)
            maskedWord(at: network + 16, host, mask: host, ifTrue: ifTrue, ifFalse: ifFalse)
        case .ipMulticast:
            afterEtherType(0x0800, ifFalse: ifFalse)
            load(.byte, at: network + 16)
            test(.jge, 224, whenTrue: ifTrue, whenFalse: ifFalse)
        case .ipv6Multicast:
            afterEtherType(0x86dd, ifFalse: ifFalse)
            load(.byte, at: network + 24)
            test(.jeq, 255, whenTrue: ifTrue, whenFalse: ifFalse)
        case .ipProtocol(let number, let version):
            eitherVersion(version, ifTrue: ifTrue, ifFalse: ifFalse,
                          v4: { $0.ipv4Protocol(number, ifTrue: $1, ifFalse: $2, otherVersion: $3) },
                          v6: { $0.ipv6Protocol(number, ifTrue: $1, ifFalse: $2, otherVersion: $3) })
        case .port(let range, let direction, let transport):
            // libpcap tests IPv6 first; the EtherTypes exclude each other.
            // Once a frame is IPv6, a failed IPv6 test is the answer.
            let v4 = asm.makeLabel("port_v4")
            ipv6Ports(range, direction, transport, ifTrue: ifTrue, ifFalse: ifFalse, otherVersion: v4)
            bind(v4)
            ipv4Ports(range, direction, transport, ifTrue: ifTrue, ifFalse: ifFalse, otherVersion: ifFalse)
        case .comparison(let lhs, let relation, let rhs):
            self.relation(lhs, relation, rhs, ifTrue: ifTrue, ifFalse: ifFalse)
        case .vlan(let id):
            // gen_vlan (no Linux extensions): an 802.1Q, 802.1ad or QinQ TPID
            // where the EtherType would be, then the VLAN id in the TCI.
            let tagged = asm.makeLabel("vlan")
            load(.half, at: 12 + linkShift)
            for tpid: UInt32 in [0x8100, 0x88a8, 0x9100] { emitJump(.jmp32(.jeq, .r0, imm: Int32(tpid), tagged), to: tagged) }
            jump(to: ifFalse)
            bind(tagged)
            guard let id else { return jump(to: ifTrue) }
            load(.half, at: network)
            maskR0(0x0fff)
            test(.jeq, UInt32(id), whenTrue: ifTrue, whenFalse: ifFalse)
        default:
            jump(to: ifFalse)  // unreachable: unsupportedReason rejects it first
        }
    }

    // MARK: building blocks

    mutating func etherType(_ type: UInt16, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        fieldEquals(.half, at: 12 + linkShift, UInt32(type), ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// Goes on (falls through) when the EtherType is `type`, else to `ifFalse`.
    mutating func afterEtherType(_ type: UInt16, ifFalse: EBPFLabel) {
        let next = asm.makeLabel("ethertype")
        etherType(type, ifTrue: next, ifFalse: ifFalse)
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
    mutating func etherAddress(_ address: MACAddress, at offset: Int, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let high = asm.makeLabel("mac_high")
        load(.word, at: offset + 2)
        test(.jeq, UInt32(truncatingIfNeeded: address.value), whenTrue: high, whenFalse: ifFalse)
        bind(high)
        load(.half, at: offset)
        test(.jeq, UInt32(truncatingIfNeeded: address.value >> 32), whenTrue: ifTrue, whenFalse: ifFalse)
    }

    /// `(word at offset) & mask == value & mask` (gen_mcmp).
    mutating func maskedWord(at offset: Int, _ value: UInt32, mask: UInt32, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        load(.word, at: offset)
        if mask != 0xffff_ffff { maskR0(mask) }
        test(.jeq, value & mask, whenTrue: ifTrue, whenFalse: ifFalse)
    }

    /// gen_hostop6: the four words in order; words the prefix masks out entirely are not loaded.
    mutating func ipv6Network(_ network: IPv6Network, at offset: Int, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let words = (0..<4).filter { network.maskWord($0) != 0 }
        guard let last = words.last else { return jump(to: ifTrue) }
        for index in words {
            let next = index == last ? ifTrue : asm.makeLabel("ip6_word")
            maskedWord(at: offset + 4 * index, network.word(index), mask: network.maskWord(index),
                       ifTrue: next, ifFalse: ifFalse)
            if index != last { bind(next) }
        }
    }

    mutating func ipv4Protocol(_ number: UInt8, ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterEtherType(0x0800, ifFalse: otherVersion)
        fieldEquals(.byte, at: network + 9, UInt32(number), ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// The next header, or the one behind a fragment header (gen_proto, Q_IPV6).
    mutating func ipv6Protocol(_ number: UInt8, ifTrue: EBPFLabel, ifFalse: EBPFLabel, otherVersion: EBPFLabel) {
        afterEtherType(0x86dd, ifFalse: otherVersion)
        let fragment = asm.makeLabel("ip6_frag"), behind = asm.makeLabel("ip6_behind")
        fieldEquals(.byte, at: network + 6, UInt32(number), ifTrue: ifTrue, ifFalse: fragment)
        bind(fragment)
        fieldEquals(.byte, at: network + 6, 44, ifTrue: behind, ifFalse: ifFalse)
        bind(behind)
        fieldEquals(.byte, at: network + 40, UInt32(number), ifTrue: ifTrue, ifFalse: ifFalse)
    }
}
