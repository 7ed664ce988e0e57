/// Network-order (big-endian) bytes of an integer.
func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<(T.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}

extension Array where Element == UInt8 {
    /// Appends `value` in network order.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        append(contentsOf: bigEndianBytes(value))
    }

    /// Overwrites two bytes at `offset` with `value` in network order.
    mutating func setBigEndian(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}
