/// What every path to a point of the generated XDP code has established
/// (`XDPFilterEmitter`): checked bytes, known field values and bits, and
/// what registers still hold. A label gets the meet of its incoming paths.
///
/// A path knows a handful of facts at a time (at most four on a 1,000-term
/// rule list), and every jump copies them, so they are kept in small arrays
/// searched in order: cheaper than hashing, and one allocation per copy.
struct PathFacts {
    /// A packet field: `size` bytes at `offset` from `data`.
    struct Field: Equatable { var offset: Int; var size: Int }
    /// A value a field is known not to have.
    struct Exclusion: Equatable { var field: Field; var value: UInt32 }
    /// Some bits of a field (`field & mask`).
    struct Bits: Equatable { var field: Field; var mask: UInt32 }
    /// r9 = data + network + 4 × IHL (the byte at `network`), with `checked`
    /// bytes from r9 known to lie inside the frame.
    struct Transport: Equatable { var network: Int; var checked: Int }

    /// Bytes from `data` known to lie inside the frame.
    var safeEnd = 0
    /// Fields known to hold a value.
    var known = FactList<Field, UInt32>()
    /// Field values known not to hold.
    var excluded = FactList<Exclusion, Bool>()
    /// Whether `field & mask != 0` is known.
    var bits = FactList<Bits, Bool>()
    /// The field r0 holds as loaded (nil after anything else wrote it).
    var r0: Field?
    /// The transport-header pointer in r9, if every path computed it.
    var transport: Transport?

    /// Whether `field` is known not to hold `value`.
    func excludes(_ field: Field, _ value: UInt32) -> Bool {
        excluded[Exclusion(field: field, value: value)] == true
    }

    /// Records that `field` does not hold `value`.
    mutating func exclude(_ field: Field, _ value: UInt32) {
        excluded[Exclusion(field: field, value: value)] = true
    }

    /// What both paths know.
    func meet(_ other: PathFacts) -> PathFacts {
        var transport: Transport?
        if let mine = self.transport, let theirs = other.transport, mine.network == theirs.network {
            transport = Transport(network: mine.network, checked: min(mine.checked, theirs.checked))
        }
        return PathFacts(safeEnd: min(safeEnd, other.safeEnd), known: known.meet(other.known),
                         excluded: excluded.meet(other.excluded), bits: bits.meet(other.bits),
                         r0: r0 == other.r0 ? r0 : nil, transport: transport)
    }
}

/// A few facts, each a value known for a key, in one array searched in order.
struct FactList<Key: Equatable, Value: Equatable> {
    private var entries: [(key: Key, value: Value)] = []

    /// The value known for `key`; setting nil forgets it.
    subscript(key: Key) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// How many facts are known.
    var count: Int { entries.count }

    /// The facts both lists hold with the same value.
    func meet(_ other: FactList) -> FactList {
        FactList(entries: entries.filter { other[$0.key] == $0.value })
    }
}
