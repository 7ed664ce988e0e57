/// What the `vlan`, `mpls` and `pppoes` layers of one frame do to its
/// header offsets (libpcap's `off_linktype`, `off_linkpl` and `off_nl`
/// updates), apart from how a code generator represents a position: the
/// cBPF generator (`FrameLayout`) and the eBPF one (`XDPLayout`) each add
/// these offsets to their frame's own link-type field and payload.
public struct FrameShape: Sendable, Equatable {
    /// True after `pppoes`: the link-type field is counted from the frame's
    /// payload (the PPP protocol), not from its own link-type field.
    public private(set) var linkTypeFollowsPayload = false
    /// Bytes from that base to the link-type field.
    public private(set) var linkTypeOffset = 0
    /// Bytes from the frame's payload to the link payload after the layers.
    public private(set) var payloadOffset = 0
    /// Bytes from the link payload to the network header (MPLS labels).
    public private(set) var networkExtra = 0
    /// True after `pppoes`: the link-level protocol is a PPP protocol number.
    public private(set) var isPPP = false
    /// MPLS labels in this frame.
    public private(set) var mplsDepth = 0

    /// The shape after `layers`, outermost first; tunnels are skipped (they
    /// start a new frame, which has a shape of its own). A slice rather than
    /// a generic sequence: the eBPF generator calls this from another module
    /// for every primitive, where a generic would run unspecialised.
    public init(_ layers: ArraySlice<EncapsulationLayer>) {
        for layer in layers {
            switch layer {
            case .vlan:
                linkTypeOffset += 4
                payloadOffset += 4
            case .mpls:
                networkExtra += 4
                mplsDepth += 1
            case .pppoeSession:
                // The PPP protocol follows the 6-byte PPPoE header.
                linkTypeFollowsPayload = true
                linkTypeOffset = payloadOffset + 6
                payloadOffset += 8
                networkExtra = 0
                isPPP = true
            case .geneve, .vxlan:
                break
            }
        }
    }
}
