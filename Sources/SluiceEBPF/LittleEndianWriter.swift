/// Appends little-endian integers and strings to a byte array: the one
/// place ELF and BTF records are serialised.
struct LittleEndianWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) { append(value, count: 2) }
    mutating func u32(_ value: UInt32) { append(value, count: 4) }
    mutating func u64(_ value: UInt64) { append(value, count: 8) }

    private mutating func append<T: FixedWidthInteger>(_ value: T, count: Int) {
        for shift in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
    }

    /// Zero bytes until the length is a multiple of `alignment`.
    mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}

/// A string table (ELF `.strtab`, BTF strings): NUL-terminated names,
/// offset 0 is the empty string, each name stored once.
struct StringTable {
    private(set) var bytes: [UInt8] = [0]
    private var offsets: [String: UInt32] = ["": 0]

    /// The offset of `name`, adding it on first use.
    mutating func offset(of name: String) -> UInt32 {
        if let known = offsets[name] { return known }
        let offset = UInt32(bytes.count)
        bytes += Array(name.utf8) + [0]
        offsets[name] = offset
        return offset
    }
}
