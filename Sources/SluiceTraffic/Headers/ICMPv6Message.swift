/// An ICMPv6 message (RFC 4443; Linux `struct icmp6hdr`). Its checksum
/// includes the IPv6 pseudo-header and is computed when encoded.
public struct ICMPv6Message: Hashable, Sendable {
    /// Type (`NDISC_NEIGHBOUR_SOLICITATION` = 135, ...).
    public var type: UInt8
    /// Code.
    public var code: UInt8
    /// Everything after the checksum.
    public var body: [UInt8]

    /// Makes a message from its raw fields.
    public init(type: UInt8, code: UInt8 = 0, body: [UInt8]) {
        self.type = type
        self.code = code
        self.body = body
    }

    /// Echo request (128).
    public static func echoRequest(identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> ICMPv6Message {
        ICMPv6Message(type: 128, body: bigEndianBytes(identifier) + bigEndianBytes(sequence) + payload)
    }

    /// Echo reply (129).
    public static func echoReply(identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> ICMPv6Message {
        ICMPv6Message(type: 129, body: bigEndianBytes(identifier) + bigEndianBytes(sequence) + payload)
    }

    /// Router solicitation (133) with a source link-layer address option.
    public static func routerSolicitation(sourceMAC: MACAddress) -> ICMPv6Message {
        ICMPv6Message(type: 133, body: [0, 0, 0, 0] + linkLayerOption(1, sourceMAC))
    }

    /// Router advertisement (134): hop limit 64, lifetime 1800 s, one /64 prefix.
    public static func routerAdvertisement(sourceMAC: MACAddress, prefix: IPv6Address) -> ICMPv6Message {
        var body: [UInt8] = [64, 0]
        body.appendBigEndian(UInt16(1800))
        body += Array(repeating: 0, count: 8)  // reachable time, retransmit timer
        // Prefix information option (type 3, length 4): /64, on-link and autonomous.
        body += [3, 4, 64, 0xc0]
        body.appendBigEndian(UInt32(2_592_000))
        body.appendBigEndian(UInt32(604_800))
        body += [0, 0, 0, 0] + prefix.bytes
        return ICMPv6Message(type: 134, body: body + linkLayerOption(1, sourceMAC))
    }

    /// Neighbour solicitation (135) for `target`, with the sender's link-layer address.
    public static func neighborSolicitation(target: IPv6Address, sourceMAC: MACAddress) -> ICMPv6Message {
        ICMPv6Message(type: 135, body: [0, 0, 0, 0] + target.bytes + linkLayerOption(1, sourceMAC))
    }

    /// Solicited neighbour advertisement (136) for `target`: router flag off,
    /// solicited and override set, with the target's link-layer address.
    public static func neighborAdvertisement(target: IPv6Address, targetMAC: MACAddress) -> ICMPv6Message {
        ICMPv6Message(type: 136, body: [0x60, 0, 0, 0] + target.bytes + linkLayerOption(2, targetMAC))
    }

    /// MLDv2 listener report (143) joining `group` (mode "exclude none").
    public static func listenerReport(group: IPv6Address) -> ICMPv6Message {
        ICMPv6Message(type: 143, body: [0, 0, 0, 1] + [4, 0, 0, 0] + group.bytes)
    }

    /// An NDP link-layer address option (1 source, 2 target).
    static func linkLayerOption(_ type: UInt8, _ mac: MACAddress) -> [UInt8] {
        [type, 1] + mac.bytes
    }

    /// The message with its checksum, given the IPv6 pseudo-header.
    func encoded(pseudoHeader: [UInt8]) -> [UInt8] {
        var bytes = [type, code, 0, 0] + body
        bytes.setBigEndian(InternetChecksum.checksum(pseudoHeader + bytes), at: 2)
        return bytes
    }
}
