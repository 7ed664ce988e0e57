/// An NTPv4 packet (RFC 5905 §7.3): 48 bytes, client (mode 3) or server (mode 4).
public struct NTPPacket: Hashable, Sendable {
    /// True for a server reply (mode 4), false for a client request (mode 3).
    public var isServer: Bool
    /// Transmit timestamp, seconds since 1900.
    public var transmitSeconds: UInt32

    /// Makes a packet.
    public init(isServer: Bool, transmitSeconds: UInt32) {
        self.isServer = isServer
        self.transmitSeconds = transmitSeconds
    }

    /// The 48 wire bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [isServer ? 0x24 : 0x23, isServer ? 2 : 0, 6, isServer ? 0xe9 : 0]  // LI 0, VN 4
        bytes += Array(repeating: 0, count: 8)           // root delay, dispersion
        bytes += isServer ? [192, 0, 2, 123] : [0, 0, 0, 0]  // reference id
        for _ in 0..<(isServer ? 3 : 0) {                // reference, origin, receive
            bytes.appendBigEndian(transmitSeconds &- 1)
            bytes.appendBigEndian(UInt32(0))
        }
        bytes += Array(repeating: 0, count: 40 - bytes.count)
        bytes.appendBigEndian(transmitSeconds)
        bytes.appendBigEndian(UInt32(0x8000_0000))
        return bytes
    }
}

/// An NTP mode 7 (private, ntpd's `ntpdc`) MON_GETLIST_1 message: the query
/// abused for reflection/amplification, and its large reply.
public enum NTPMonlist {
    /// The 48-byte request (implementation 3 = XNTPD, request code 42).
    public static let request: [UInt8] = [0x17, 0x00, 0x03, 0x2a] + Array(repeating: 0, count: 44)

    /// A reply with `items` 72-byte entries (at most 6 per packet, as ntpd sends).
    public static func reply(items: Int, filler: [UInt8]) -> [UInt8] {
        let count = min(max(items, 1), 6)
        var bytes: [UInt8] = [0x97, 0x00, 0x03, 0x2a]
        bytes.appendBigEndian(UInt16(count))  // error 0, item count
        bytes.appendBigEndian(UInt16(72))     // item size
        for index in 0..<count * 72 { bytes.append(filler.isEmpty ? 0 : filler[index % filler.count]) }
        return bytes
    }
}
