/// `SKF_AD_NLATTR` and `SKF_AD_NLATTR_NEST`: Linux's `skb_get_nlattr` and
/// `skb_get_nlattr_nest`, which search the packet for a netlink attribute
/// (`struct nlattr {u16 nla_len; u16 nla_type}` in host byte order, i.e.
/// little-endian on the machines Sluice runs on) with `nla_find`.
enum NetlinkAttributes {
    /// `sizeof(struct nlattr)`, also `NLA_HDRLEN`.
    static let headerLength = 4
    /// `NLA_TYPE_MASK`: the type without the nested/byte-order flags.
    static let typeMask: UInt16 = 0x3fff

    /// The offset of the first attribute of type `type` in the run of
    /// attributes at `offset` (for `nested`, inside the attribute at
    /// `offset`), or 0 when there is none or the bytes do not allow a search.
    static func find(in packet: UnsafeRawBufferPointer, at offset: UInt32, type: UInt32, nested: Bool) -> UInt32 {
        let length = packet.count
        guard length >= headerLength, Int(offset) <= length - headerLength else { return 0 }
        var position = Int(offset)
        var remaining = length - position
        if nested {
            let outerLength = Int(field(packet, at: position))
            guard outerLength <= remaining else { return 0 }
            remaining = outerLength - headerLength
            position += headerLength
        }
        // nla_for_each_attr with nla_ok: room for a header, a sane length.
        while remaining >= headerLength {
            let attributeLength = Int(field(packet, at: position))
            guard attributeLength >= headerLength, attributeLength <= remaining else { return 0 }
            if UInt32(field(packet, at: position + 2) & typeMask) == type { return UInt32(position) }
            let aligned = (attributeLength + 3) & ~3  // NLA_ALIGN
            remaining -= aligned
            position += aligned
        }
        return 0
    }

    /// A host-order (little-endian) `u16` of the packet.
    private static func field(_ packet: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        UInt16(littleEndian: packet.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }
}
