/// An ICMP message for IPv4 (RFC 792; Linux `struct icmphdr`). The checksum
/// covers the message only and is computed when encoded.
public struct ICMPMessage: Hashable, Sendable {
    /// Type (`ICMP_ECHO` = 8, ...).
    public var type: UInt8
    /// Code.
    public var code: UInt8
    /// The four bytes after the checksum (identifier and sequence for echo).
    public var restOfHeader: UInt32
    /// Data after the header.
    public var payload: [UInt8]

    /// Makes a message from its raw fields.
    public init(type: UInt8, code: UInt8, restOfHeader: UInt32 = 0, payload: [UInt8] = []) {
        self.type = type
        self.code = code
        self.restOfHeader = restOfHeader
        self.payload = payload
    }

    /// Echo request (type 8), as `ping` sends.
    public static func echoRequest(identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> ICMPMessage {
        ICMPMessage(type: 8, code: 0, restOfHeader: UInt32(identifier) << 16 | UInt32(sequence), payload: payload)
    }

    /// Echo reply (type 0).
    public static func echoReply(identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> ICMPMessage {
        ICMPMessage(type: 0, code: 0, restOfHeader: UInt32(identifier) << 16 | UInt32(sequence), payload: payload)
    }

    /// Destination unreachable (type 3) quoting the offending IP header and
    /// the first 8 bytes of its payload, as RFC 792 asks.
    public static func destinationUnreachable(code: UInt8, quoting packet: [UInt8]) -> ICMPMessage {
        ICMPMessage(type: 3, code: code, payload: quote(packet))
    }

    /// Time exceeded in transit (type 11, code 0), as `traceroute` provokes.
    public static func timeExceeded(quoting packet: [UInt8]) -> ICMPMessage {
        ICMPMessage(type: 11, code: 0, payload: quote(packet))
    }

    /// The IPv4 header plus 8 bytes of `packet`.
    static func quote(_ packet: [UInt8]) -> [UInt8] {
        guard let first = packet.first else { return [] }
        return Array(packet.prefix(Int(first & 0x0f) * 4 + 8))
    }

    /// The message bytes with the checksum filled in.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [type, code, 0, 0]
        bytes.appendBigEndian(restOfHeader)
        bytes += payload
        bytes.setBigEndian(InternetChecksum.checksum(bytes), at: 2)
        return bytes
    }
}
