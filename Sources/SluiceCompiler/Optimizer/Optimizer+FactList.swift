extension Optimizer {
    /// The value numbers in the 16 scratch words, stored inline (no heap
    /// copy when a state is copied for an edge).
    struct ScratchValues: Equatable, Sendable {
        private var words = SIMD16<Int32>()

        subscript(index: Int) -> ValueNumber {
            get { ValueNumber(words[index]) }
            set { words[index] = Int32(truncatingIfNeeded: newValue) }
        }

        /// The first word holding `value`.
        func firstIndex(of value: ValueNumber) -> Int? {
            let wanted = Int32(truncatingIfNeeded: value)
            for index in 0..<16 where words[index] == wanted { return index }
            return nil
        }

        func contains(_ value: ValueNumber) -> Bool { firstIndex(of: value) != nil }

        /// A mask of the words that differ from `other`'s.
        func differences(from other: ScratchValues) -> SIMDMask<SIMD16<Int32>.MaskStorage> {
            words .!= other.words
        }
    }
}

extension Optimizer {
    /// Facts about value numbers, kept sorted by value number in one small
    /// array of plain values, so a state is copied with one allocation and
    /// two states are merged in one linear walk.
    struct FactList: Equatable, Sendable {
        struct Entry: Equatable, Sendable {
            var value: ValueNumber
            var knowledge: Knowledge
        }

        private var entries: [Entry] = []

        var count: Int { entries.count }

        /// The smallest (oldest) value number with a fact.
        var oldest: ValueNumber? { entries.first?.value }

        /// The position of `value`, or where it would go.
        private func position(of value: ValueNumber) -> (Int, found: Bool) {
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].value < value { low = middle + 1 } else { high = middle }
            }
            return (low, low < entries.count && entries[low].value == value)
        }

        subscript(value: ValueNumber) -> Knowledge? {
            get {
                let (index, found) = position(of: value)
                return found ? entries[index].knowledge : nil
            }
            set {
                let (index, found) = position(of: value)
                switch (found, newValue) {
                case (true, let new?): entries[index].knowledge = new
                case (true, nil): entries.remove(at: index)
                case (false, let new?): entries.insert(Entry(value: value, knowledge: new), at: index)
                case (false, nil): break
                }
            }
        }

        /// Drops the fact about the smallest (oldest) value number.
        mutating func removeOldest() {
            if !entries.isEmpty { entries.removeFirst() }
        }

        /// The facts both lists hold, each widened to what holds on either side.
        func intersection(_ other: FactList) -> FactList {
            var result = FactList()
            result.entries.reserveCapacity(Swift.min(entries.count, other.entries.count))
            var i = 0, j = 0
            while i < entries.count, j < other.entries.count {
                let mine = entries[i], theirs = other.entries[j]
                if mine.value < theirs.value {
                    i += 1
                } else if mine.value > theirs.value {
                    j += 1
                } else {
                    let joined = mine.knowledge.union(theirs.knowledge)
                    if joined != .unknown { result.entries.append(Entry(value: mine.value, knowledge: joined)) }
                    i += 1
                    j += 1
                }
            }
            return result
        }
    }
}
