import SluiceBytecode

/// Where the headers of a primitive's frame are, for a given encapsulation
/// on Ethernet (libpcap's `off_linkhdr`, `off_linktype`, `off_linkpl`,
/// `off_nl`, `off_nl_nosnap` after the `vlan`/`mpls`/`pppoes` updates).
///
/// Offsets are relative to the start of the frame: 0 for the outer frame;
/// inside a tunnel the frame starts at a run-time offset that the code
/// generator keeps in a scratch word (`frameBase`).
struct FrameLayout: Sendable {
    /// Offset of the link-level protocol field (ethertype, or PPP protocol).
    var linkType: UInt32 = 12
    /// Offset of the link payload (LLC header, or network header).
    var linkPayload: UInt32 = 14
    /// Extra offset of the network header inside the payload (MPLS labels).
    var networkExtra: UInt32 = 0
    /// True after `pppoes`: the link-level protocol is a PPP protocol number.
    var isPPP = false
    /// MPLS labels so far in this frame.
    var mplsDepth = 0
    /// Scratch word holding the frame's start, inside a tunnel.
    var frameBase: UInt32?

    /// The layout for `encapsulation`'s innermost frame.
    init(_ encapsulation: Encapsulation, frameBase: UInt32? = nil) {
        self.frameBase = frameBase
        for layer in encapsulation.innermostFrame {
            switch layer {
            case .vlan:
                linkType += 4
                linkPayload += 4
            case .mpls:
                networkExtra += 4
                mplsDepth += 1
            case .pppoeSession:
                linkType = linkPayload + 6
                linkPayload += 8
                networkExtra = 0
                isPPP = true
            case .geneve, .vxlan:
                break
            }
        }
    }

    /// Offset of the network-layer header (`OR_LINKPL`).
    var network: UInt32 { linkPayload + networkExtra }

    /// Offset of the network layer behind an 802.2 LLC header (`OR_LINKPL_NOSNAP`).
    var networkNoSNAP: UInt32 { linkPayload + networkExtra + (isPPP ? 0 : 3) }

    /// Statements loading `size` bytes at `offset` from the frame start into A.
    func load(_ size: LoadSize, at offset: UInt32) -> [Instruction] {
        guard let frameBase else { return [.load(size, absolute: offset)] }
        return [.loadXScratch(frameBase), .load(size, indirect: offset)]
    }

    /// Statements loading `size` bytes at the IPv4 header + its length + `offset`
    /// (the transport header) into A.
    func loadTransport(_ size: LoadSize, at offset: UInt32) -> [Instruction] {
        guard let frameBase else {
            return [.loadXHeaderLength(network), .load(size, indirect: network + offset)]
        }
        // X = base; A = ihl = ([x + nl] & 0xf) << 2; A += X; X = A.
        return [.loadXScratch(frameBase), .load(.byte, indirect: network), .alu(.and, 0xf), .alu(.lsh, 2),
                .aluX(.add), .tax, .load(size, indirect: network + offset)]
    }
}
