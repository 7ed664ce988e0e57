/// A 48-bit Ethernet (IEEE 802) address, as in Linux `struct ether_addr`.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The six octets, in transmission order.
    public private(set) var bytes: [UInt8]

    /// Makes an address from six octets; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        self.bytes = bytes
    }

    /// Parses `aa:bb:cc:dd:ee:ff` (or `-` separated); nil if malformed.
    public init?(_ text: String) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "-" }
        guard parts.count == 6 else { return nil }
        var values: [UInt8] = []
        for part in parts {
            guard part.count == 2, let value = UInt8(part, radix: 16) else { return nil }
            values.append(value)
        }
        bytes = values
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// `ff:ff:ff:ff:ff:ff`.
    public static let broadcast = MACAddress(unchecked: Array(repeating: 0xff, count: 6))
    /// `00:00:00:00:00:00`, the unknown target of an ARP request.
    public static let zero = MACAddress(unchecked: Array(repeating: 0, count: 6))

    /// The Ethernet multicast address an IPv6 multicast group maps to
    /// (RFC 2464 §7: `33:33` and the group's last four octets).
    public static func multicast(for group: IPv6Address) -> MACAddress {
        MACAddress(unchecked: [0x33, 0x33] + group.bytes[12...])
    }

    /// The locally administered unicast address `02:00:xx:xx:xx:xx` for `index`.
    public static func local(_ index: UInt32) -> MACAddress {
        MACAddress(unchecked: [0x02, 0x00] + bigEndianBytes(index))
    }

    public var description: String {
        bytes.map { hex2($0) }.joined(separator: ":")
    }
}

/// Two lowercase hex digits.
func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
}
