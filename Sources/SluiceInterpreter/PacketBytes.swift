/// The captured bytes as the run loop sees them: a base address that is
/// never nil (an empty packet borrows a valid one), so loads need no nil
/// check, only the one bounds check each does against `count`.
struct PacketBytes {
    let base: UnsafeRawPointer
    let count: Int

    /// Calls `body` with `packet`'s bytes; an empty buffer (possibly with a
    /// nil base) gets the address of a local byte and a count of 0.
    @inline(__always)
    static func with<Result>(_ packet: UnsafeRawBufferPointer, _ body: (PacketBytes) -> Result) -> Result {
        if let base = packet.baseAddress { return body(PacketBytes(base: base, count: packet.count)) }
        var placeholder: UInt8 = 0
        return withUnsafeBytes(of: &placeholder) { bytes in
            // A one-byte local always has an address; no load reads it (count 0).
            body(PacketBytes(base: bytes.baseAddress.unsafelyUnwrapped, count: 0))
        }
    }

    /// The byte at `offset`, which the caller has checked is below `count`.
    @inline(__always)
    subscript(offset: Int) -> UInt8 {
        base.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// Absolute loads: the decoder stores `k + width`, the number of bytes
    /// the load needs, so the bounds check is one comparison with `count`
    /// and the address `base + end - width` folds into the load.
    @inline(__always)
    func word(endingAt end: UInt32) -> UInt32? {
        guard Int(end) <= count else { return nil }
        return UInt32(bigEndian: base.loadUnaligned(fromByteOffset: Int(end) &- 4, as: UInt32.self))
    }

    /// `ldh [k]` with `end` = k + 2 (see `word(endingAt:)`).
    @inline(__always)
    func half(endingAt end: UInt32) -> UInt32? {
        guard Int(end) <= count else { return nil }
        return UInt32(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: Int(end) &- 2, as: UInt16.self)))
    }

    /// `ldb [k]` with `end` = k + 1 (see `word(endingAt:)`).
    @inline(__always)
    func byte(endingAt end: UInt32) -> UInt32? {
        guard Int(end) <= count else { return nil }
        return UInt32(self[Int(end) &- 1])
    }

    /// The bytes as a buffer, for the cold paths that search them.
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
