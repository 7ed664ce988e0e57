/// An IPv6 address (Linux `struct in6_addr`).
public struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    /// The sixteen octets in network order.
    public private(set) var bytes: [UInt8]

    /// Makes an address from sixteen octets; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses RFC 4291 text (`2001:db8::1`, `fe80::a:b`); nil if malformed.
    /// Embedded IPv4 (`::ffff:1.2.3.4`) is not accepted: the synthesizer never needs it.
    public init?(_ text: String) {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        bytes = all.flatMap { bigEndianBytes($0) }
    }

    /// The solicited-node multicast group of this address (RFC 4291 §2.7.1:
    /// `ff02::1:ffXX:XXXX`), where neighbour solicitations are sent.
    public var solicitedNodeMulticast: IPv6Address {
        var group = [UInt8](repeating: 0, count: 16)
        group[0] = 0xff; group[1] = 0x02; group[11] = 0x01; group[12] = 0xff
        group[13] = bytes[13]; group[14] = bytes[14]; group[15] = bytes[15]
        return IPv6Address(unchecked: group)
    }

    /// `ff02::1`, all nodes on the link.
    public static let allNodes = IPv6Address(unchecked: [0xff, 0x02] + Array(repeating: 0, count: 13) + [1])
    /// `ff02::2`, all routers on the link.
    public static let allRouters = IPv6Address(unchecked: [0xff, 0x02] + Array(repeating: 0, count: 13) + [2])

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Uncompressed text (`2001:db8:0:0:0:0:0:1`): unambiguous and enough for logs.
    public var description: String {
        stride(from: 0, to: 16, by: 2)
            .map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}

extension IPv6Address {
    /// An address from up to eight 16-bit groups: `prefix`, zeros, then `suffix`
    /// (what `a:b::c` means), for addresses built in code.
    init(prefix: [UInt16], suffix: [UInt16]) {
        let middle = Array(repeating: UInt16(0), count: max(0, 8 - prefix.count - suffix.count))
        self.init(unchecked: Array((prefix + middle + suffix).prefix(8)).flatMap { bigEndianBytes($0) })
    }
}
