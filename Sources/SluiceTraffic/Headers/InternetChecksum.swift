/// The Internet checksum (RFC 1071): the ones' complement of the ones'
/// complement sum of 16-bit words, as Linux `csum_fold(csum_partial(...))`.
public enum InternetChecksum {
    /// The ones' complement sum of `bytes` (odd length padded with a zero byte),
    /// folded to 16 bits, added to `initial`.
    public static func sum(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt16 {
        var total = UInt64(initial)
        var index = 0
        while index + 1 < bytes.count {
            total += UInt64(bytes[index]) << 8 | UInt64(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { total += UInt64(bytes[index]) << 8 }
        while total > 0xffff { total = (total & 0xffff) + (total >> 16) }
        return UInt16(total)
    }

    /// The checksum to store in a header whose checksum field is zero.
    public static func checksum(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt16 {
        ~sum(bytes, initial: initial)
    }

    /// True when `bytes`, checksum field included, sum to `0xffff` (a valid header).
    public static func isValid(_ bytes: [UInt8], initial: UInt32 = 0) -> Bool {
        sum(bytes, initial: initial) == 0xffff
    }
}
