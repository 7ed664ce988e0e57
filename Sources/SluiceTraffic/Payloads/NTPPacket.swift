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
