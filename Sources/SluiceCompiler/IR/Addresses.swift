/// A 48-bit Ethernet address.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in the low 48 bits, first byte most significant.
    public var value: UInt64

    /// An address from its 48-bit value.
    public init(_ value: UInt64) { self.value = value & 0xffff_ffff_ffff }

    /// An address from 6 bytes, or nil.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        self.init(bytes.reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// The 6 bytes, first on the wire first.
    public var bytes: [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: value >> (40 - 8 * UInt64($0))) } }

    /// ff:ff:ff:ff:ff:ff.
    public static let broadcast = MACAddress(0xffff_ffff_ffff)

    /// "aa:bb:cc:00:00:01".
    public var description: String {
        bytes.map { hex($0, width: 2) }.joined(separator: ":")
    }
}

/// An IPv4 address with a mask (`net 10.0.0.0/8`, `net 10.0.0.0 mask 255.0.0.0`,
/// or a host: mask all ones). The mask need not be contiguous.
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    /// The address, host byte order (first octet most significant).
    public var address: UInt32
    /// The mask, host byte order.
    public var mask: UInt32

    /// A network; `address` keeps the bits outside the mask, as written.
    public init(address: UInt32, mask: UInt32 = 0xffff_ffff) {
        self.address = address
        self.mask = mask
    }

    /// The prefix length, if the mask is contiguous.
    public var prefixLength: Int? {
        let ones = mask.leadingZeroBitCount == 0 ? (~mask).leadingZeroBitCount : 0
        let expected: UInt32 = ones == 0 ? 0 : ~UInt32(0) << (32 - ones)
        return expected == mask ? ones : nil
    }

    /// True for a single address.
    public var isHost: Bool { mask == 0xffff_ffff }

    /// "10.0.0.0/8", "1.2.3.4", or "10.0.0.0 mask 255.0.255.0".
    public var description: String {
        let text = dottedQuad(address)
        if isHost { return text }
        if let prefixLength { return "\(text)/\(prefixLength)" }
        return "\(text) mask \(dottedQuad(mask))"
    }
}

/// An IPv6 address with a prefix length (`ip6 net 2001:db8::/32`, or a host: /128).
public struct IPv6Network: Hashable, Sendable, CustomStringConvertible {
    /// The 16 address bytes.
    public var address: [UInt8]
    /// Number of leading bits compared (0...128).
    public var prefixLength: Int

    /// A prefix; `address` must have 16 bytes (shorter is zero-padded).
    public init(address: [UInt8], prefixLength: Int = 128) {
        self.address = Array((address + [UInt8](repeating: 0, count: 16)).prefix(16))
        self.prefixLength = min(max(prefixLength, 0), 128)
    }

    /// The 32-bit word `index` (0...3) of the address, big-endian.
    public func word(_ index: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(address[index * 4 + $1]) }
    }

    /// The 32-bit word `index` of the mask.
    public func maskWord(_ index: Int) -> UInt32 {
        let bits = min(max(prefixLength - index * 32, 0), 32)
        return bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
    }

    /// "2001:db8::/32" or "fe80::1" (RFC 5952 form).
    public var description: String {
        let text = ipv6Text(address)
        return prefixLength == 128 ? text : "\(text)/\(prefixLength)"
    }
}

/// "1.2.3.4" from a host-order address.
func dottedQuad(_ address: UInt32) -> String {
    [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xff) }.joined(separator: ".")
}

/// Lower-case hex, zero-padded to `width` digits.
func hex<T: BinaryInteger>(_ value: T, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// RFC 5952 text of 16 bytes: lower case, longest run of zero groups as "::".
func ipv6Text(_ bytes: [UInt8]) -> String {
    let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
    var bestStart = -1, bestLength = 0, index = 0
    while index < 8 {
        guard groups[index] == 0 else { index += 1; continue }
        let start = index
        while index < 8 && groups[index] == 0 { index += 1 }
        if index - start > bestLength && index - start > 1 { bestStart = start; bestLength = index - start }
    }
    let text = { (range: Range<Int>) in groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
    guard bestStart >= 0 else { return text(0..<8) }
    return text(0..<bestStart) + "::" + text((bestStart + bestLength)..<8)
}
