/// The headers libpcap would have skipped before a primitive: each `vlan`,
/// `mpls`, `pppoes`, `geneve` or `vxlan` earlier in the expression moves
/// every later primitive's offsets (pcap-filter(7)). The parser records them
/// here so the IR stays a pure value and offsets are a function of
/// (primitive, link type).
public struct Encapsulation: Hashable, Sendable {
    /// Outermost first.
    public var layers: [EncapsulationLayer]

    /// Directly on the link layer.
    public static let none = Encapsulation(layers: [])

    /// An encapsulation from its layers, outermost first.
    public init(layers: [EncapsulationLayer]) {
        self.layers = layers
    }

    /// This encapsulation with one more layer inside.
    public func appending(_ layer: EncapsulationLayer) -> Encapsulation {
        Encapsulation(layers: layers + [layer])
    }

    /// The layers since the innermost tunnel (`geneve`/`vxlan` start a new
    /// Ethernet frame), which is what fixed offsets depend on.
    public var innermostFrame: ArraySlice<EncapsulationLayer> {
        guard let tunnel = layers.lastIndex(where: \.isTunnel) else { return layers[...] }
        return layers[(tunnel + 1)...]
    }

    /// The number of MPLS labels in the innermost frame (libpcap's `label_stack_depth`).
    public var mplsDepth: Int { innermostFrame.filter { $0 == .mpls }.count }

    /// True when the innermost frame is PPP inside PPPoE.
    public var isPPPoE: Bool { innermostFrame.contains(.pppoeSession) }
}

/// One header that shifts what follows it.
public enum EncapsulationLayer: Hashable, Sendable {
    /// A 4-byte 802.1Q/802.1ad tag before the ethertype.
    case vlan
    /// A 4-byte MPLS label stack entry.
    case mpls
    /// A PPPoE session header (6 bytes) and the PPP protocol (2 bytes).
    case pppoeSession
    /// Geneve: an inner Ethernet frame after a variable-length header.
    case geneve
    /// VXLAN: an inner Ethernet frame after an 8-byte header.
    case vxlan

    /// True for the tunnels that start a new Ethernet frame.
    public var isTunnel: Bool { self == .geneve || self == .vxlan }
}
