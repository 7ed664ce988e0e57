/// Numbers distinct values in order of first sight, given a 64-bit hash
/// word per value and an equality test on numbers already given: an
/// open-addressing table of numbers (linear probing, at most half full).
/// Code generation interns many small values (blocks, statement lists);
/// a `Dictionary` copied each value into its keys, hashed it with SipHash
/// and moved the keys when growing, which dominated long rule lists.
struct InternTable {
    /// Entry numbers, -1 for an empty slot; the count is a power of two.
    private var slots = [Int32](repeating: -1, count: 64)
    /// The hash word of each entry, by number (so growing rehashes nothing).
    private var words: [UInt64] = []

    /// How many entries are numbered.
    var count: Int { words.count }

    /// The number of the value hashing to `word` for which `isEqual(number)`
    /// holds; when there is none, the value gets the next number (`count`
    /// before the call) and `inserted` is true.
    mutating func number(of word: UInt64, isEqual: (Int) -> Bool) -> (number: Int, inserted: Bool) {
        var slot = InternTable.slot(of: word, in: slots.count)
        while slots[slot] >= 0 {
            let existing = Int(slots[slot])
            if words[existing] == word, isEqual(existing) { return (existing, false) }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = words.count
        words.append(word)
        slots[slot] = Int32(truncatingIfNeeded: number)
        if 2 * words.count > slots.count { grow() }
        return (number, true)
    }

    /// The first slot to probe: the high bits after a multiplicative mix,
    /// so similar words spread.
    private static func slot(of word: UInt64, in count: Int) -> Int {
        Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - count.trailingZeroBitCount))
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        for (number, word) in words.enumerated() {
            var slot = InternTable.slot(of: word, in: slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(truncatingIfNeeded: number)
        }
    }
}
