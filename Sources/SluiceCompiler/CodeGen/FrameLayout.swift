import SluiceBytecode

/// A packet offset: a constant, plus the value of a scratch word when the
/// header's start is only known at run time (inside a tunnel).
struct Position: Sendable, Hashable {
    /// Scratch word holding the variable part, if any.
    var base: UInt32?
    var offset: UInt32

    static func + (position: Position, k: UInt32) -> Position {
        Position(base: position.base, offset: position.offset &+ k)
    }

    static func - (position: Position, k: UInt32) -> Position {
        Position(base: position.base, offset: position.offset &- k)
    }
}

/// Where the headers of a primitive's frame are, for a given encapsulation
/// on Ethernet (libpcap's `off_linkhdr`, `off_linktype`, `off_linkpl`,
/// `off_nl`, `off_nl_nosnap` after the `vlan`/`mpls`/`pppoes` updates).
/// In the outer frame every position is constant; inside a tunnel the
/// frame's start, link-type field and payload are scratch words that the
/// tunnel's code filled in (`TunnelCode`).
struct FrameLayout: Sendable {
    /// Start of the link-layer header (`ether[0]`).
    var frameStart = Position(base: nil, offset: 0)
    /// The link-level protocol field (ethertype, or PPP protocol).
    var linkType = Position(base: nil, offset: 12)
    /// The link payload (LLC header, or network header).
    var linkPayload = Position(base: nil, offset: 14)
    /// Extra offset of the network header inside the payload (MPLS labels).
    var networkExtra: UInt32 = 0
    /// True after `pppoes`: the link-level protocol is a PPP protocol number.
    var isPPP = false
    /// MPLS labels so far in this frame.
    var mplsDepth = 0

    /// The outer frame's layout after `layers` (none of them tunnels).
    init(_ layers: ArraySlice<EncapsulationLayer>) {
        apply(layers)
    }

    /// An inner frame whose positions are in scratch words, after `layers`.
    init(frame: UInt32, linkType: UInt32, payload: UInt32, _ layers: ArraySlice<EncapsulationLayer>) {
        frameStart = Position(base: frame, offset: 0)
        self.linkType = Position(base: linkType, offset: 0)
        linkPayload = Position(base: payload, offset: 0)
        apply(layers)
    }

    private mutating func apply(_ layers: ArraySlice<EncapsulationLayer>) {
        let shape = FrameShape(layers)
        linkType = (shape.linkTypeFollowsPayload ? linkPayload : linkType) + UInt32(shape.linkTypeOffset)
        linkPayload = linkPayload + UInt32(shape.payloadOffset)
        networkExtra = UInt32(shape.networkExtra)
        isPPP = shape.isPPP
        mplsDepth = shape.mplsDepth
    }

    /// True when every position is a constant.
    var isFixed: Bool { frameStart.base == nil && linkType.base == nil && linkPayload.base == nil }

    /// The network-layer header (`OR_LINKPL`).
    var network: Position { linkPayload + networkExtra }

    /// The network layer behind an 802.2 LLC header (`OR_LINKPL_NOSNAP`).
    var networkNoSNAP: Position { network + (isPPP ? 0 : 3) }

    /// Statements loading `size` bytes at `position` into A.
    func load(_ size: LoadSize, at position: Position) -> [Instruction] {
        let k = FrameLayout.pastAnyPacket(position.offset)
        guard let base = position.base else { return [.load(size, absolute: k)] }
        return [.loadXScratch(base), .load(size, indirect: k)]
    }

    /// `k` itself, or 0x7fffffff when `k` is 2^31 or more. For libpcap such
    /// a load is past any packet (the filter fails); Linux reads a negative
    /// `k` as SKF_AD_OFF/SKF_NET_OFF/SKF_LL_OFF (metadata, other headers), so
    /// it must never reach the program. 0x7fffffff is past any packet for
    /// both, directly or after adding a header offset in X.
    static func pastAnyPacket(_ k: UInt32) -> UInt32 {
        k >= 0x8000_0000 ? 0x7fff_ffff : k
    }

    /// Statements putting the start of the transport header (relative to
    /// `network.offset`) in X: the IPv4 header length, plus the network
    /// header's variable start.
    var transportInX: [Instruction] {
        let network = self.network
        guard let base = network.base else { return [.loadXHeaderLength(network.offset)] }
        return [.loadXScratch(base), .load(.byte, indirect: network.offset), .alu(.and, 0xf), .alu(.lsh, 2),
                .aluX(.add), .tax]
    }

    /// Statements loading `size` bytes at `offset` into the transport header
    /// behind an IPv4 header into A.
    func loadTransport(_ size: LoadSize, at offset: UInt32) -> [Instruction] {
        let (sum, wrapped) = network.offset.addingReportingOverflow(offset)
        return transportInX + [.load(size, indirect: FrameLayout.pastAnyPacket(wrapped ? 0xffff_ffff : sum))]
    }
}
