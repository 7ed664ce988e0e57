/// What every path to a point of the generated XDP code has established
/// (`XDPFilterEmitter`): checked bytes, known field values and bits, and
/// what registers still hold. A label gets the meet of its incoming paths.
///
/// Every jump copies the facts of its path, so they are a plain value with
/// no heap storage: copying one moves about 130 bytes, where a heap array
/// cost an allocation, a free and reference counting per jump (most of the
/// emitter's time on a 1,000-term rule list).
struct PathFacts {
    /// A packet field: `size` bytes at `offset` from `data`.
    struct Field: Equatable { var offset: Int; var size: Int }
    /// Some bits of a field (`field & mask`).
    struct Bits: Equatable { var field: Field; var mask: UInt32 }
    /// r9 = data + network + 4 × IHL (the byte at `network`), with `checked`
    /// bytes from r9 known to lie inside the frame.
    struct Transport: Equatable { var network: Int; var checked: Int }

    /// Bytes from `data` known to lie inside the frame.
    var safeEnd = 0
    /// Field values and bits known.
    private var facts = FactSet()
    /// The field r0 holds as loaded (nil after anything else wrote it).
    var r0: Field?
    /// The transport-header pointer in r9, if every path computed it.
    var transport: Transport?

    /// The value `field` is known to hold.
    func value(of field: Field) -> UInt32? {
        facts.first(.equals, field)?.word
    }

    /// Records that `field` holds `value`.
    mutating func learn(_ field: Field, equals value: UInt32) {
        facts.removeFirst(.equals, field)
        if let fact = Fact(.equals, field, word: value) { facts.append(fact) }
    }

    /// Whether `field` is known not to hold `value`.
    func excludes(_ field: Field, _ value: UInt32) -> Bool {
        Fact(.differs, field, word: value).map(facts.contains) ?? false
    }

    /// Records that `field` does not hold `value`.
    mutating func exclude(_ field: Field, _ value: UInt32) {
        if let fact = Fact(.differs, field, word: value), !facts.contains(fact) { facts.append(fact) }
    }

    /// Whether `bits` are known to be set (nil: unknown).
    func isSet(_ bits: Bits) -> Bool? {
        guard let set = Fact(.bitsSet, bits.field, word: bits.mask),
              let clear = Fact(.bitsClear, bits.field, word: bits.mask) else { return nil }
        return facts.contains(set) ? true : facts.contains(clear) ? false : nil
    }

    /// Records whether `bits` are set.
    mutating func learn(_ bits: Bits, isSet: Bool) {
        guard let set = Fact(.bitsSet, bits.field, word: bits.mask),
              let clear = Fact(.bitsClear, bits.field, word: bits.mask) else { return }
        facts.remove(set)
        facts.remove(clear)
        facts.append(isSet ? set : clear)
    }

    /// Keeps only what `other` knows too (the facts at a label two paths reach).
    mutating func formMeet(_ other: PathFacts) {
        if let mine = transport, let theirs = other.transport, mine.network == theirs.network {
            transport = Transport(network: mine.network, checked: min(mine.checked, theirs.checked))
        } else {
            transport = nil
        }
        safeEnd = min(safeEnd, other.safeEnd)
        facts.formIntersection(other.facts)
        if r0 != other.r0 { r0 = nil }
    }
}

extension PathFacts {
    /// One thing known about a field, packed into 64 bits: the kind (never
    /// 0, so an empty slot matches nothing), the field's size and offset,
    /// and a 32-bit word (the value, or the mask of a bits fact).
    struct Fact: Equatable {
        enum Kind: UInt64 {
            /// The field holds the word.
            case equals = 1
            /// The field does not hold the word.
            case differs
            /// `field & word != 0`.
            case bitsSet
            /// `field & word == 0`.
            case bitsClear
        }
        fileprivate var bits: UInt64

        /// The fact, or nil for a field past what 16 bits of offset hold
        /// (nothing is known about it).
        init?(_ kind: Kind, _ field: Field, word: UInt32) {
            guard let subject = Self.subject(kind, field) else { return nil }
            bits = subject << 32 | UInt64(word)
        }

        fileprivate init(bits: UInt64) { self.bits = bits }

        /// Kind, size and offset: the upper 32 bits.
        fileprivate static func subject(_ kind: Kind, _ field: Field) -> UInt64? {
            guard (0...0xffff).contains(field.offset), (0...0xff).contains(field.size) else { return nil }
            return kind.rawValue << 24 | UInt64(field.size) << 16 | UInt64(field.offset)
        }

        var word: UInt32 { UInt32(truncatingIfNeeded: bits) }
    }

    /// Up to eight facts in 64 bytes, so copying a path's facts costs a few
    /// register moves. When full, learning a new fact drops the oldest: a
    /// path that knows less only tests more, never wrongly. (A 1,000-term
    /// rule list needs four at a time.)
    struct FactSet {
        private var words = InlineArray<8, UInt64>(repeating: 0)
        private var count = 0

        /// The fact of `kind` about `field` (the first, oldest one).
        func first(_ kind: Fact.Kind, _ field: Field) -> Fact? {
            guard let subject = Fact.subject(kind, field) else { return nil }
            for index in 0..<count where words[index] >> 32 == subject { return Fact(bits: words[index]) }
            return nil
        }

        func contains(_ fact: Fact) -> Bool {
            for index in 0..<count where words[index] == fact.bits { return true }
            return false
        }

        mutating func append(_ fact: Fact) {
            if count == words.count { remove(at: 0) }
            words[count] = fact.bits
            count += 1
        }

        /// Removes the fact of `kind` about `field`, if any.
        mutating func removeFirst(_ kind: Fact.Kind, _ field: Field) {
            guard let subject = Fact.subject(kind, field) else { return }
            for index in 0..<count where words[index] >> 32 == subject { return remove(at: index) }
        }

        /// Removes `fact`, if held.
        mutating func remove(_ fact: Fact) {
            for index in 0..<count where words[index] == fact.bits { return remove(at: index) }
        }

        /// Keeps only the facts `other` holds too, in order.
        mutating func formIntersection(_ other: FactSet) {
            var kept = 0
            for index in 0..<count where other.contains(Fact(bits: words[index])) {
                words[kept] = words[index]
                kept += 1
            }
            for index in kept..<count { words[index] = 0 }
            count = kept
        }

        private mutating func remove(at position: Int) {
            for index in position..<(count - 1) { words[index] = words[index + 1] }
            count -= 1
            words[count] = 0
        }
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
            entries[index].facts.formMeet(facts)
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
