/// What every path to a point of the generated XDP code has established
/// (`XDPFilterEmitter`): checked bytes, known field values and bits, and
/// what registers still hold. A label gets the meet of its incoming paths.
///
/// A path knows a handful of facts at a time (at most four on a 1,000-term
/// rule list), and every jump copies them, so they are kept in one small
/// array searched in order: cheaper than hashing, one buffer to retain per
/// copy and one allocation when a copy learns something.
struct PathFacts {
    /// A packet field: `size` bytes at `offset` from `data`.
    struct Field: Equatable { var offset: Int; var size: Int }
    /// Some bits of a field (`field & mask`).
    struct Bits: Equatable { var field: Field; var mask: UInt32 }
    /// r9 = data + network + 4 × IHL (the byte at `network`), with `checked`
    /// bytes from r9 known to lie inside the frame.
    struct Transport: Equatable { var network: Int; var checked: Int }
    /// One thing known about the frame.
    enum Fact: Equatable {
        /// The field holds the value.
        case equals(Field, UInt32)
        /// The field does not hold the value.
        case differs(Field, UInt32)
        /// Whether `field & mask != 0`.
        case bits(Bits, Bool)
    }

    /// Bytes from `data` known to lie inside the frame.
    var safeEnd = 0
    /// Field values and bits known, in one array: a copy retains one buffer.
    private(set) var facts: [Fact] = []
    /// The field r0 holds as loaded (nil after anything else wrote it).
    var r0: Field?
    /// The transport-header pointer in r9, if every path computed it.
    var transport: Transport?

    /// The value `field` is known to hold.
    func value(of field: Field) -> UInt32? {
        for case .equals(field, let value) in facts { return value }
        return nil
    }

    /// Records that `field` holds `value`.
    mutating func learn(_ field: Field, equals value: UInt32) {
        facts.removeAll { if case .equals(field, _) = $0 { true } else { false } }
        facts.append(.equals(field, value))
    }

    /// Whether `field` is known not to hold `value`.
    func excludes(_ field: Field, _ value: UInt32) -> Bool {
        facts.contains(.differs(field, value))
    }

    /// Records that `field` does not hold `value`.
    mutating func exclude(_ field: Field, _ value: UInt32) {
        if !excludes(field, value) { facts.append(.differs(field, value)) }
    }

    /// Whether `bits` are known to be set (nil: unknown).
    func isSet(_ bits: Bits) -> Bool? {
        for case .bits(bits, let set) in facts { return set }
        return nil
    }

    /// Records whether `bits` are set.
    mutating func learn(_ bits: Bits, isSet: Bool) {
        facts.removeAll { if case .bits(bits, _) = $0 { true } else { false } }
        facts.append(.bits(bits, isSet))
    }

    /// What both paths know.
    func meet(_ other: PathFacts) -> PathFacts {
        var transport: Transport?
        if let mine = self.transport, let theirs = other.transport, mine.network == theirs.network {
            transport = Transport(network: mine.network, checked: min(mine.checked, theirs.checked))
        }
        return PathFacts(safeEnd: min(safeEnd, other.safeEnd), facts: facts.filter(other.facts.contains),
                         r0: r0 == other.r0 ? r0 : nil, transport: transport)
    }
}

/// The facts carried by the jumps so far to each label not yet bound. A
/// few labels are pending at a time (at most 8 on a 1,000-term rule list;
/// nesting bounds it), so a short array searched from the newest end is
/// cheaper than a dictionary, which hashed every label id with SipHash.
struct PendingFacts {
    private var entries: [(label: Int, facts: PathFacts)] = []

    /// Meets `facts` into what `label` has pending.
    mutating func add(_ facts: PathFacts, to label: EBPFLabel) {
        if let index = entries.lastIndex(where: { $0.label == label.id }) {
            entries[index].facts = entries[index].facts.meet(facts)
        } else {
            entries.append((label.id, facts))
        }
    }

    /// Takes what `label` has pending (a label is bound once).
    mutating func take(_ label: EBPFLabel) -> PathFacts? {
        guard let index = entries.lastIndex(where: { $0.label == label.id }) else { return nil }
        return entries.remove(at: index).facts
    }
}
