/// A UDP header (RFC 768; Linux `struct udphdr`). Length and checksum are
/// computed when encoded.
public struct UDPHeader: Hashable, Sendable {
    /// Source port.
    public var sourcePort: UInt16
    /// Destination port.
    public var destinationPort: UInt16

    /// Makes a header.
    public init(sourcePort: UInt16, destinationPort: UInt16) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }

    /// Header and payload; `pseudoHeader` is the network layer's checksum prefix.
    func encoded(payload: [UInt8], pseudoHeader: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(sourcePort)
        bytes.appendBigEndian(destinationPort)
        bytes.appendBigEndian(UInt16(truncatingIfNeeded: 8 + payload.count))
        bytes += [0, 0] + payload
        let checksum = InternetChecksum.checksum(pseudoHeader + bytes)
        // A computed zero is sent as all ones: zero means "no checksum" (RFC 768).
        bytes.setBigEndian(checksum == 0 ? 0xffff : checksum, at: 6)
        return bytes
    }
}
