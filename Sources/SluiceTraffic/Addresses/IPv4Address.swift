/// An IPv4 address (Linux `struct in_addr`), held in host order.
public struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    /// The address as a number: `10.0.0.1` is `0x0a000001`.
    public var value: UInt32

    /// Makes an address from its numeric value.
    public init(_ value: UInt32) { self.value = value }

    /// Makes an address from four octets.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-quad text (`192.0.2.1`); nil if malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        self.value = value
    }

    /// The four octets in network order.
    public var bytes: [UInt8] { bigEndianBytes(value) }

    public var description: String { bytes.map(String.init).joined(separator: ".") }
}
