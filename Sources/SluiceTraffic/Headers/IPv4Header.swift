/// An IPv4 header (RFC 791; Linux `struct iphdr`). Length, protocol and
/// checksum are filled in from the payload when encoded.
public struct IPv4Header: Hashable, Sendable {
    /// Source address.
    public var source: IPv4Address
    /// Destination address.
    public var destination: IPv4Address
    /// Time to live.
    public var timeToLive: UInt8
    /// Type of service / DSCP+ECN byte.
    public var typeOfService: UInt8
    /// Identification, for fragment reassembly.
    public var identification: UInt16
    /// The DF flag.
    public var dontFragment: Bool
    /// The MF flag.
    public var moreFragments: Bool
    /// Fragment offset in 8-byte units (13 bits).
    public var fragmentOffset: UInt16
    /// Option bytes (RFC 791 §3.1), padded with end-of-list zeros to 4 bytes;
    /// at most 40 bytes are kept.
    public var options: [UInt8]

    /// Makes a header with common defaults: TTL 64, DF set, no options.
    public init(source: IPv4Address, destination: IPv4Address, timeToLive: UInt8 = 64,
                typeOfService: UInt8 = 0, identification: UInt16 = 0, dontFragment: Bool = true,
                moreFragments: Bool = false, fragmentOffset: UInt16 = 0, options: [UInt8] = []) {
        self.source = source
        self.destination = destination
        self.timeToLive = timeToLive
        self.typeOfService = typeOfService
        self.identification = identification
        self.dontFragment = dontFragment
        self.moreFragments = moreFragments
        self.fragmentOffset = fragmentOffset
        self.options = options
    }

    /// The Router Alert option (RFC 2113), which IGMP and RSVP carry.
    public static let routerAlertOption: [UInt8] = [0x94, 0x04, 0x00, 0x00]

    /// The header followed by `payload`, with IHL, total length, protocol and
    /// header checksum computed.
    public func encoded(protocolNumber: UInt8, payload: [UInt8]) -> [UInt8] {
        var optionBytes = Array(options.prefix(40))
        while optionBytes.count % 4 != 0 { optionBytes.append(0) }
        let headerLength = 20 + optionBytes.count
        var header: [UInt8] = [UInt8(0x40 | headerLength / 4), typeOfService]
        header.appendBigEndian(UInt16(truncatingIfNeeded: headerLength + payload.count))
        header.appendBigEndian(identification)
        let flags: UInt16 = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0)
        header.appendBigEndian(flags | (fragmentOffset & 0x1fff))
        header += [timeToLive, protocolNumber, 0, 0]
        header += source.bytes + destination.bytes + optionBytes
        header.setBigEndian(InternetChecksum.checksum(header), at: 10)
        return header + payload
    }

    /// The RFC 793 pseudo-header for a transport checksum.
    func pseudoHeader(protocolNumber: UInt8, length: Int) -> [UInt8] {
        var bytes = source.bytes + destination.bytes + [0, protocolNumber]
        bytes.appendBigEndian(UInt16(truncatingIfNeeded: length))
        return bytes
    }
}

/// IP protocol numbers used by the builders (Linux `IPPROTO_*`).
public enum IPProtocol {
    /// `IPPROTO_ICMP`.
    public static let icmp: UInt8 = 1
    /// `IPPROTO_IGMP`.
    public static let igmp: UInt8 = 2
    /// `IPPROTO_TCP`.
    public static let tcp: UInt8 = 6
    /// `IPPROTO_UDP`.
    public static let udp: UInt8 = 17
    /// `IPPROTO_ICMPV6`.
    public static let icmpv6: UInt8 = 58
    /// `IPPROTO_HOPOPTS`.
    public static let hopByHop: UInt8 = 0
    /// `IPPROTO_ROUTING`.
    public static let routing: UInt8 = 43
    /// `IPPROTO_FRAGMENT`.
    public static let fragment: UInt8 = 44
    /// `IPPROTO_DSTOPTS`.
    public static let destinationOptions: UInt8 = 60
}
