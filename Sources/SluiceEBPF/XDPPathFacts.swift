/// What every path to a point of the generated XDP code has established
/// (`XDPFilterEmitter`): checked bytes, known field values and bits, and
/// what registers still hold. A label gets the meet of its incoming paths.
struct PathFacts: Equatable {
    /// A packet field: `size` bytes at `offset` from `data`.
    struct Field: Hashable { var offset: Int; var size: Int }
    /// A value a field is known not to have.
    struct Exclusion: Hashable { var field: Field; var value: UInt32 }
    /// Some bits of a field (`field & mask`).
    struct Bits: Hashable { var field: Field; var mask: UInt32 }
    /// r9 = data + network + 4 × IHL (the byte at `network`), with `checked`
    /// bytes from r9 known to lie inside the frame.
    struct Transport: Hashable { var network: Int; var checked: Int }

    /// Bytes from `data` known to lie inside the frame.
    var safeEnd = 0
    /// Fields known to hold a value.
    var known: [Field: UInt32] = [:]
    /// Field values known not to hold.
    var excluded: Set<Exclusion> = []
    /// Whether `field & mask != 0` is known.
    var bits: [Bits: Bool] = [:]
    /// The field r0 holds as loaded (nil after anything else wrote it).
    var r0: Field?
    /// The transport-header pointer in r9, if every path computed it.
    var transport: Transport?

    /// What both paths know.
    func meet(_ other: PathFacts) -> PathFacts {
        var transport: Transport?
        if let mine = self.transport, let theirs = other.transport, mine.network == theirs.network {
            transport = Transport(network: mine.network, checked: min(mine.checked, theirs.checked))
        }
        return PathFacts(safeEnd: min(safeEnd, other.safeEnd),
                         known: known.filter { other.known[$0.key] == $0.value },
                         excluded: excluded.intersection(other.excluded),
                         bits: bits.filter { other.bits[$0.key] == $0.value },
                         r0: r0 == other.r0 ? r0 : nil, transport: transport)
    }
}
