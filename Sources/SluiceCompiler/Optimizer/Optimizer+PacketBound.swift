extension Optimizer {
    /// A length the captured packet is known to reach on every path: a load
    /// that succeeded proves the bytes it read were there, so a later load
    /// below that length cannot fail. Offsets of 2^31 and more are Linux's
    /// negative (special) offsets and never count.
    enum PacketBound {
        /// True when a load of `size` bytes at `offset` lies below `bound`.
        static func fits(_ size: Int, at offset: UInt32, below bound: UInt32) -> Bool {
            offset < 0x8000_0000 && offset + UInt32(size) <= bound
        }

        /// The bound after a load of `size` bytes at `offset` succeeded.
        static func extend(_ bound: UInt32, _ size: Int, at offset: UInt32) -> UInt32 {
            offset < 0x8000_0000 ? max(bound, offset + UInt32(size)) : bound
        }
    }
}
