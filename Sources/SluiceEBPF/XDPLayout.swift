import SluiceCompiler

/// A packet offset for the XDP generator: a constant, plus a 32-bit value
/// kept in a stack slot when the header's start is only known at run time
/// (inside a `geneve`/`vxlan` tunnel). The eBPF twin of the cBPF code
/// generator's `Position` (where the variable part is a scratch word).
struct XDPPosition: Hashable, Sendable {
    /// Stack slot holding the variable part, if any (`XDPLayout.slotOffset`).
    var slot: Int?
    /// Constant part; 2^31 or more is past any packet (libpcap's meaning).
    var offset: Int

    static func fixed(_ offset: Int) -> XDPPosition { XDPPosition(slot: nil, offset: offset) }

    static func + (position: XDPPosition, k: Int) -> XDPPosition {
        XDPPosition(slot: position.slot, offset: position.offset + k)
    }

    static func - (position: XDPPosition, k: Int) -> XDPPosition {
        XDPPosition(slot: position.slot, offset: position.offset - k)
    }
}

/// Where the headers of a primitive's frame are on Ethernet, after its
/// `vlan`/`mpls`/`pppoes` layers (libpcap's `off_linktype`, `off_linkpl`,
/// `off_nl` updates). In the outer frame every position is constant;
/// inside a tunnel the frame's start, link-type field and payload are
/// stack slots the tunnel's code filled in (see `XDPFilterEmitter+Tunnels`).
struct XDPLayout: Sendable {
    /// Start of the link-layer header (`ether[0]`).
    var frameStart = XDPPosition.fixed(0)
    /// The link-level protocol field (EtherType, or the PPP protocol).
    var linkType = XDPPosition.fixed(12)
    /// The link payload (LLC header, or network header).
    var linkPayload = XDPPosition.fixed(14)
    /// Extra bytes before the network header inside the payload (MPLS labels).
    var networkExtra = 0
    /// True after `pppoes`: the link-level protocol is a PPP protocol number.
    var isPPP = false
    /// MPLS labels so far in this frame.
    var mplsDepth = 0

    /// The outer frame after `layers` (none of them tunnels).
    init(_ layers: ArraySlice<EncapsulationLayer>) {
        apply(layers)
    }

    /// An inner frame whose positions are in the stack slots of tunnel `level`, after `layers`.
    init(tunnelLevel level: Int, _ layers: ArraySlice<EncapsulationLayer>) {
        let slots = XDPLayout.tunnelSlots(level)
        frameStart = XDPPosition(slot: slots.frame, offset: 0)
        linkType = XDPPosition(slot: slots.linkType, offset: 0)
        linkPayload = XDPPosition(slot: slots.payload, offset: 0)
        apply(layers)
    }

    private mutating func apply(_ layers: ArraySlice<EncapsulationLayer>) {
        let shape = FrameShape(layers)
        linkType = (shape.linkTypeFollowsPayload ? linkPayload : linkType) + shape.linkTypeOffset
        linkPayload = linkPayload + shape.payloadOffset
        networkExtra = shape.networkExtra
        isPPP = shape.isPPP
        mplsDepth = shape.mplsDepth
    }

    /// True when every position is a constant.
    var isFixed: Bool { frameStart.slot == nil && linkType.slot == nil && linkPayload.slot == nil }

    /// The network-layer header (`OR_LINKPL`).
    var network: XDPPosition { linkPayload + networkExtra }

    /// The network layer behind an 802.2 LLC header (`OR_LINKPL_NOSNAP`).
    var networkNoSNAP: XDPPosition { network + (isPPP ? 0 : 3) }

    // MARK: stack

    /// Deepest tunnel nesting (as the cBPF generator's `TunnelCode`).
    static let maximumTunnelLevels = 3
    /// Arithmetic values spilled to the stack, at most.
    static let maximumSpills = 64

    /// The three slots (frame start, link type, payload) of tunnel `level`.
    static func tunnelSlots(_ level: Int) -> (frame: Int, linkType: Int, payload: Int) {
        (3 * level, 3 * level + 1, 3 * level + 2)
    }

    /// The slot of the arithmetic value spilled at `depth`.
    static func spillSlot(_ depth: Int) -> Int { 3 * maximumTunnelLevels + depth }

    /// `r10` offset of a 32-bit stack slot.
    static func slotOffset(_ slot: Int) -> Int16 { Int16(-4 * (slot + 1)) }
}
