/// The run loop's view of the packet's metadata: a pointer to the caller's
/// `PacketMetadata`, or nil for the defaults. Only ancillary and
/// negative-offset loads read it (cold paths), so a plain `run` neither
/// builds nor copies the 80-byte struct per packet.
struct MetadataReference {
    let pointer: UnsafePointer<PacketMetadata>?

    /// The metadata the loads read.
    var value: PacketMetadata { pointer?.pointee ?? PacketMetadata() }
}
