import SluiceBytecode

/// Expands one primitive into cBPF tests for Ethernet, with libpcap's
/// meaning (`gencode.c`) and evaluation order (which matters when a load
/// runs past the captured bytes).
struct AtomLowering {
    let layout: FrameLayout
    let span: SourceSpan?
    /// First scratch word free for arithmetic.
    let firstFreeScratch: UInt32

    func condition(_ atom: Atom) throws(GenerationError) -> Condition {
        switch atom {
        case .linkProtocol(let type):
            return try linkProtocol(type)
        case .etherHost(let address, let direction):
            return directed(direction, macEquals(6, address), macEquals(0, address))
        case .etherBroadcast:
            return macEquals(0, .broadcast)
        case .etherMulticast:
            return .anyBits(load(.byte, 0), 1, span: span)
        case .ipv4Address(let network, let direction, let proto):
            return try ipv4Address(network, direction, proto)
        case .ipv6Address(let network, let direction):
            return try ipv6Address(network, direction)
        case .ipBroadcast(let netmask):
            let hostmask = ~netmask
            let destination = load(.word, layout.network + 16)
            return .and([try linkProtocol(0x0800),
                         .or([.equal(destination, 0, mask: hostmask, span: span),
                              .equal(destination, hostmask, mask: hostmask, span: span)])])
        case .ipMulticast:
            return .and([try linkProtocol(0x0800), .jump(load(.byte, layout.network + 16), .jge, 224, span: span)])
        case .ipv6Multicast:
            return .and([try linkProtocol(0x86dd), .equal(load(.byte, layout.network + 24), 255, span: span)])
        case .ipProtocol(let number, let version):
            return try ipProtocol(UInt32(number), version)
        case .protocolChain(let number, let version):
            return try ProtocolChain(lowering: self).condition(UInt32(number), version)
        case .port(let range, let direction, let transport):
            return try port(range, direction, transport)
        case .vlan(let id):
            let type = load(.half, layout.linkType)
            let tagged = Condition.or([0x8100, 0x88a8, 0x9100].map { .equal(type, $0, span: span) })
            guard let id else { return tagged }
            return .and([tagged, .equal(load(.half, layout.linkType + 2), UInt32(id), mask: 0xfff, span: span)])
        case .mpls(let label):
            let present: Condition = layout.mplsDepth == 0
                ? try linkProtocol(0x8847)
                : .not(.anyBits(load(.byte, layout.network - 2), 1, span: span))
            guard let label else { return present }
            return .and([present, .equal(load(.word, layout.network), label << 12, mask: 0xffff_f000, span: span)])
        case .pppoeDiscovery:
            return try linkProtocol(0x8863)
        case .pppoeSession(let id):
            let present = try linkProtocol(0x8864)
            guard let id else { return present }
            return .and([present, .equal(load(.half, layout.network + 2), UInt32(id), span: span)])
        case .geneve, .vxlan:
            return try TunnelCode(lowering: self).condition(atom)
        case .llc(let kind):
            return try llc(kind)
        case .decnetAddress(let address, let direction):
            return .and([try linkProtocol(0x6003), directed(direction, decnet(address, short: 3, long: 15),
                                                          decnet(address, short: 1, long: 7))])
        case .isoProtocol(let number):
            return .and([try linkProtocol(0xfe), .equal(load(.byte, layout.networkNoSNAP), UInt32(number), span: span)])
        case .isisPDU(let type):
            return .and([try condition(.isoProtocol(0x83)),
                         .equal(load(.byte, layout.networkNoSNAP + 4), UInt32(type), span: span)])
        case .comparison(let lhs, let relation, let rhs):
            var code = ArithmeticCode(lowering: self)
            return try code.comparison(lhs, relation, rhs)
        }
    }

    // MARK: - Helpers

    /// Loads relative to the frame start.
    func load(_ size: LoadSize, _ offset: UInt32) -> [Instruction] {
        layout.load(size, at: layout.frameStart + offset)
    }

    /// Loads at a position of the layout.
    func load(_ size: LoadSize, _ position: Position) -> [Instruction] {
        layout.load(size, at: position)
    }

    /// `src`, `dst`, `src or dst`, `src and dst` of two tests (source first, like libpcap).
    func directed(_ direction: Direction, _ source: @autoclosure () -> Condition,
                  _ destination: @autoclosure () -> Condition) -> Condition {
        switch direction {
        case .source: source()
        case .destination: destination()
        case .sourceOrDestination: .or([source(), destination()])
        case .sourceAndDestination: .and([source(), destination()])
        }
    }

    /// The 6 bytes at `offset` are `address` (`gen_bcmp`: last word first).
    func macEquals(_ offset: UInt32, _ address: MACAddress) -> Condition {
        .and([.equal(load(.word, offset + 2), UInt32(truncatingIfNeeded: address.value), span: span),
              .equal(load(.half, offset), UInt32(truncatingIfNeeded: address.value >> 32), span: span)])
    }

    /// `gen_linktype`: the link-level protocol test in this frame.
    func linkProtocol(_ value: UInt16) throws(GenerationError) -> Condition {
        if layout.mplsDepth > 0 {
            // Under MPLS only IP is recognised: bottom of stack, then the version nibble.
            let version: UInt32
            switch value {
            case 0x0800: version = 0x40
            case 0x86dd: version = 0x60
            default: throw GenerationError(message: "unsupported protocol over mpls", span: span)
            }
            return .and([.equal(load(.byte, layout.network - 2), 1, mask: 1, span: span),
                         .equal(load(.byte, layout.network), version, mask: 0xf0, span: span)])
        }
        if layout.isPPP {
            return .equal(load(.half, layout.linkType), UInt32(PPPProtocol.forEtherType(value)), span: span)
        }
        return ethernetType(UInt32(value))
    }

    /// `gen_ether_linktype`: ethertypes above 1500, LLC SAPs below, and the
    /// IPX/AppleTalk encapsulation variants.
    private func ethernetType(_ value: UInt32) -> Condition {
        let type = load(.half, layout.linkType)
        let llc = layout.linkPayload
        let isLength = Condition.not(.jump(type, .jgt, 1500, span: span))
        switch value {
        case 0xfe, 0x06, 0xf0:
            return .and([isLength, .equal(load(.half, llc), value << 8 | value, span: span)])
        case 0xe0:
            return .or([.equal(type, 0x8137, span: span),
                        .and([isLength, .or([snap(0, 0x8137), .equal(load(.byte, llc), 0xe0, span: span),
                                             .equal(load(.half, llc), 0xffff, span: span)])])])
        case 0x809b, 0x80f3:
            let organization: UInt32 = value == 0x809b ? 0x08_0007 : 0
            return .or([.equal(type, value, span: span), .and([isLength, snap(organization, value)])])
        default:
            if value <= 1500 { return .and([isLength, .equal(load(.byte, llc), value, span: span)]) }
            return .equal(type, value, span: span)
        }
    }

    /// An 802.2 SNAP header with this organization code and type (`gen_snap`).
    private func snap(_ organization: UInt32, _ type: UInt32) -> Condition {
        let llc = layout.linkPayload
        return .and([.equal(load(.word, llc + 4), (organization & 0xffff) << 16 | type, span: span),
                     .equal(load(.word, llc), 0xaaaa_0300 | organization >> 16, span: span)])
    }
}
