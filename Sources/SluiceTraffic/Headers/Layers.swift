/// What an IP packet carries: a transport segment or message.
public enum TransportSegment: Hashable, Sendable {
    /// A TCP segment.
    case tcp(TCPHeader, payload: [UInt8] = [])
    /// A UDP datagram.
    case udp(UDPHeader, payload: [UInt8] = [])
    /// An ICMP (IPv4) message.
    case icmp(ICMPMessage)
    /// An ICMPv6 message.
    case icmpv6(ICMPv6Message)
    /// Any other protocol, bytes as given (no checksum is computed).
    case other(protocolNumber: UInt8, bytes: [UInt8])

    /// The IP protocol number (`IPPROTO_*`) that announces this segment.
    public var protocolNumber: UInt8 {
        switch self {
        case .tcp: IPProtocol.tcp
        case .udp: IPProtocol.udp
        case .icmp: IPProtocol.icmp
        case .icmpv6: IPProtocol.icmpv6
        case .other(let number, _): number
        }
    }

    /// The bytes, with the checksum computed over `pseudoHeader` where the
    /// protocol asks for one. `pseudoHeader` is called with the segment length.
    func encoded(pseudoHeader: (Int) -> [UInt8]) -> [UInt8] {
        switch self {
        case .tcp(let header, let payload):
            header.encoded(payload: payload, pseudoHeader: pseudoHeader(20 + paddedLength(header.options) + payload.count))
        case .udp(let header, let payload):
            header.encoded(payload: payload, pseudoHeader: pseudoHeader(8 + payload.count))
        case .icmp(let message):
            message.encoded
        case .icmpv6(let message):
            message.encoded(pseudoHeader: pseudoHeader(4 + message.body.count))
        case .other(_, let bytes):
            bytes
        }
    }

    private func paddedLength(_ options: [UInt8]) -> Int {
        (min(options.count, 40) + 3) / 4 * 4
    }
}

/// What an Ethernet frame carries.
public enum NetworkPacket: Hashable, Sendable {
    /// An IPv4 packet.
    case ipv4(IPv4Header, TransportSegment)
    /// An IPv6 packet.
    case ipv6(IPv6Header, TransportSegment)
    /// An ARP message.
    case arp(ARPMessage)
    /// Anything else, with its EtherType.
    case other(etherType: UInt16, bytes: [UInt8])

    /// The EtherType (`ETH_P_*`) of this payload.
    public var etherType: UInt16 {
        switch self {
        case .ipv4: EtherType.ipv4
        case .ipv6: EtherType.ipv6
        case .arp: EtherType.arp
        case .other(let type, _): type
        }
    }

    /// The encoded packet, every length and checksum filled in.
    public var encoded: [UInt8] {
        switch self {
        case .ipv4(let header, let segment):
            let number = segment.protocolNumber
            let payload = segment.encoded { header.pseudoHeader(protocolNumber: number, length: $0) }
            return header.encoded(protocolNumber: number, payload: payload)
        case .ipv6(let header, let segment):
            let number = segment.protocolNumber
            let payload = segment.encoded { header.pseudoHeader(protocolNumber: number, length: $0) }
            return header.encoded(protocolNumber: number, payload: payload)
        case .arp(let message):
            return message.encoded
        case .other(_, let bytes):
            return bytes
        }
    }
}

/// A whole Ethernet frame: header (with VLAN tags) and payload.
public struct EthernetFrame: Hashable, Sendable {
    /// The shortest frame on the wire without FCS; shorter frames are padded
    /// with zeros, as a NIC does.
    public static let minimumLength = 60

    /// The link-layer header.
    public var ethernet: EthernetHeader
    /// The payload.
    public var network: NetworkPacket

    /// Makes a frame.
    public init(_ ethernet: EthernetHeader, _ network: NetworkPacket) {
        self.ethernet = ethernet
        self.network = network
    }

    /// The frame's bytes, padded to `minimumLength`.
    public var bytes: [UInt8] {
        var bytes = ethernet.encoded(etherType: network.etherType) + network.encoded
        if bytes.count < Self.minimumLength {
            bytes += Array(repeating: 0, count: Self.minimumLength - bytes.count)
        }
        return bytes
    }
}
