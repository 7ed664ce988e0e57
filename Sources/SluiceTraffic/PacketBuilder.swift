/// A host on the synthetic network: its Ethernet, IPv4 and IPv6 addresses.
public struct NetworkHost: Hashable, Sendable {
    /// Link-layer address.
    public var mac: MACAddress
    /// IPv4 address.
    public var ipv4: IPv4Address
    /// IPv6 address.
    public var ipv6: IPv6Address

    /// Makes a host.
    public init(mac: MACAddress, ipv4: IPv4Address, ipv6: IPv6Address) {
        self.mac = mac
        self.ipv4 = ipv4
        self.ipv6 = ipv6
    }
}

/// Builds whole Ethernet frames between two hosts: the convenient front of
/// the header types (`EthernetFrame`, `IPv4Header`, `TCPHeader`, ...), in the
/// spirit of scapy's `Ether()/IP()/TCP()` stacking.
public struct PacketBuilder: Hashable, Sendable {
    /// The sending host.
    public var source: NetworkHost
    /// The receiving host (or a multicast/broadcast pseudo-host).
    public var destination: NetworkHost
    /// 802.1Q tags on every frame, outermost first.
    public var vlanTags: [VLANTag]
    /// Send IP traffic over IPv6 instead of IPv4.
    public var usesIPv6: Bool
    /// TTL / hop limit.
    public var timeToLive: UInt8
    /// IPv4 identification of the next packet.
    public var identification: UInt16
    /// IPv4 options on every IPv4 packet.
    public var ipv4Options: [UInt8]
    /// IPv6 extension headers on every IPv6 packet.
    public var ipv6ExtensionHeaders: [IPv6ExtensionHeader]

    /// Makes a builder from `source` to `destination`: IPv4, TTL 64, untagged.
    public init(from source: NetworkHost, to destination: NetworkHost, vlanTags: [VLANTag] = [],
                usesIPv6: Bool = false, timeToLive: UInt8 = 64) {
        self.source = source
        self.destination = destination
        self.vlanTags = vlanTags
        self.usesIPv6 = usesIPv6
        self.timeToLive = timeToLive
        identification = 0
        ipv4Options = []
        ipv6ExtensionHeaders = []
    }

    /// The same conversation seen from the other side.
    public var reversed: PacketBuilder {
        var copy = self
        swap(&copy.source, &copy.destination)
        return copy
    }

    /// The Ethernet header of every frame.
    public var ethernet: EthernetHeader {
        EthernetHeader(destination: destination.mac, source: source.mac, vlanTags: vlanTags)
    }

    /// The IP layer (v4 or v6 as configured) around `segment`.
    public func ip(_ segment: TransportSegment) -> NetworkPacket {
        if usesIPv6 {
            return .ipv6(IPv6Header(source: source.ipv6, destination: destination.ipv6, hopLimit: timeToLive,
                                    extensionHeaders: ipv6ExtensionHeaders), segment)
        }
        return .ipv4(IPv4Header(source: source.ipv4, destination: destination.ipv4, timeToLive: timeToLive,
                                identification: identification, options: ipv4Options), segment)
    }

    /// A frame carrying `network`.
    public func frame(_ network: NetworkPacket) -> [UInt8] {
        EthernetFrame(ethernet, network).bytes
    }

    /// A TCP segment in a frame.
    public func tcp(_ sourcePort: UInt16, _ destinationPort: UInt16, flags: TCPFlags,
                    sequence: UInt32 = 0, acknowledgment: UInt32 = 0,
                    options: [UInt8] = [], payload: [UInt8] = []) -> [UInt8] {
        let header = TCPHeader(sourcePort: sourcePort, destinationPort: destinationPort, sequence: sequence,
                               acknowledgment: acknowledgment, flags: flags, options: options)
        return frame(ip(.tcp(header, payload: payload)))
    }

    /// A UDP datagram in a frame.
    public func udp(_ sourcePort: UInt16, _ destinationPort: UInt16, payload: [UInt8]) -> [UInt8] {
        frame(ip(.udp(UDPHeader(sourcePort: sourcePort, destinationPort: destinationPort), payload: payload)))
    }

    /// An ICMP message in an IPv4 frame.
    public func icmp(_ message: ICMPMessage) -> [UInt8] {
        var v4 = self
        v4.usesIPv6 = false
        return v4.frame(v4.ip(.icmp(message)))
    }

    /// An ICMPv6 message in an IPv6 frame.
    public func icmpv6(_ message: ICMPv6Message) -> [UInt8] {
        var v6 = self
        v6.usesIPv6 = true
        return v6.frame(v6.ip(.icmpv6(message)))
    }

    /// An ARP message in a frame.
    public func arp(_ message: ARPMessage) -> [UInt8] {
        frame(.arp(message))
    }
}
