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

    /// The bytes as a buffer, for the cold paths that search them.
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
