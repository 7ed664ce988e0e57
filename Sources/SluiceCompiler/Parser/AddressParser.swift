import Glibc

/// Parses the numeric forms pcap-filter accepts: numbers (decimal, `0x`
/// hex, leading-`0` octal), dotted IPv4 (1 to 4 parts, as `__pcap_atoin`),
/// Ethernet addresses (`a:b:c:d:e:f`, `a-b-...`, `a.b.c.d.e.f`,
/// `aabb.ccdd.eeff`, `aabbccddeeff`), IPv6 and DECnet `area.node`.
enum AddressParser {
    /// A 32-bit number, or nil when `text` is not a number or overflows.
    static func number(_ text: String) -> UInt32? {
        let chars = Array(text.utf8)
        guard let first = chars.first, first >= 48, first <= 57 else { return nil }
        var radix: UInt64 = 10
        var digits = chars[...]
        if chars.count > 2, chars[0] == 48, chars[1] == UInt8(ascii: "x") || chars[1] == UInt8(ascii: "X") {
            radix = 16
            digits = chars[2...]
        } else if chars.count > 1, chars[0] == 48 {
            radix = 8
            digits = chars[1...]
        }
        var value: UInt64 = 0
        for c in digits {
            guard let digit = hexValue(c), UInt64(digit) < radix else { return nil }
            value = value * radix + UInt64(digit)
            if value > UInt64(UInt32.max) { return nil }
        }
        return UInt32(value)
    }

    /// True when `text` looks like a number (so an overflow can be reported as one).
    static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 48, first <= 57 else { return false }
        return !text.contains(".") && !text.contains("-") && !text.contains(":")
    }

    /// Dotted decimal with 1 to 4 parts: (value right-aligned, bit length),
    /// like libpcap's `__pcap_atoin`; nil when not dotted decimal.
    static func dottedIPv4(_ text: String) -> (value: UInt32, bits: Int)? {
        // Bytes, not Characters: an ASCII digit or dot is one byte, and any
        // other byte (even inside a multi-byte Character) is neither.
        var (parts, partLength, value, overflow) = (1, 0, UInt32(0), false)
        var octet: UInt32 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard partLength > 0 else { return nil }
                overflow = overflow || partLength > 3 || octet > 255
                value = value << 8 | octet & 0xff
                (parts, partLength, octet) = (parts + 1, 0, 0)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                partLength += 1
                if partLength <= 3 { octet = octet * 10 + UInt32(byte - UInt8(ascii: "0")) }
            } else {
                return nil
            }
        }
        guard parts > 1, parts <= 4, partLength > 0 else { return nil }
        overflow = overflow || partLength > 3 || octet > 255
        return overflow ? (0, -1) : (value << 8 | octet, parts * 8)
    }

    /// True for a dotted word made of digits only (an IPv4 or DECnet address, valid or not).
    static func isDottedNumeric(_ text: String) -> Bool {
        var dotted = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                dotted = true
            } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                return false
            }
        }
        return dotted
    }

    /// An Ethernet address in one of libpcap's spellings: six groups of one
    /// or two hex digits split by `:`, `-` or `.`, three groups of four
    /// split by `.`, or twelve hex digits that are not all decimal. Read
    /// byte by byte, since the lexer asks about every word with a colon.
    static func mac(_ text: String) -> MACAddress? {
        let utf8 = text.utf8
        let separator = [UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: ".")].first(where: utf8.contains)
        guard let groups = hexGroups(utf8, separator: separator ?? 0, limit: 6) else { return nil }
        switch (separator, groups.count) {
        case (nil, 1) where groups[0].digits == 12 && !utf8.allSatisfy({ (48...57).contains($0) }):
            return MACAddress(groups[0].value)
        case (_?, 6) where groups.allSatisfy({ (1...2).contains($0.digits) }):
            return MACAddress(groups.reduce(0) { $0 << 8 | $1.value })
        case (UInt8(ascii: ".")?, 3) where groups.allSatisfy({ $0.digits == 4 }):
            return MACAddress(groups.reduce(0) { $0 << 16 | $1.value })
        default:
            return nil
        }
    }

    /// The groups of hex digits between `separator` bytes, with their digit
    /// counts; nil on any other byte or past `limit` groups.
    private static func hexGroups(_ utf8: String.UTF8View, separator: UInt8, limit: Int) -> [(value: UInt64, digits: Int)]? {
        var groups: [(value: UInt64, digits: Int)] = [(0, 0)]
        for byte in utf8 {
            if byte == separator {
                guard groups.count < limit else { return nil }
                groups.append((0, 0))
                continue
            }
            guard let digit = hexValue(byte), groups[groups.count - 1].digits < 16 else { return nil }
            groups[groups.count - 1].value = groups[groups.count - 1].value << 4 | UInt64(digit)
            groups[groups.count - 1].digits += 1
        }
        return groups
    }

    /// The 16 bytes of an IPv6 address (`inet_pton`).
    static func ipv6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        var storage = in6_addr()
        let ok = withUnsafeMutableBytes(of: &storage) { inet_pton(AF_INET6, text, $0.baseAddress) }
        guard ok == 1 else { return nil }
        return withUnsafeBytes(of: storage) { Array($0) }
    }

    /// A DECnet address `area.node` (area ≤ 63, node ≤ 1023) as libpcap's
    /// `__pcap_atodn` packs it: area << 10 | node.
    static func decnet(_ text: String) -> UInt16? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let area = UInt32(parts[0]), let node = UInt32(parts[1]), area <= 63, node <= 1023 else {
            return nil
        }
        return UInt16(area << 10 | node)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
