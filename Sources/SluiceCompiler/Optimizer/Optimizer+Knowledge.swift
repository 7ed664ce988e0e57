import SluiceBytecode

extension Optimizer {
    /// What the tests taken so far on a path say about one value: a range,
    /// bits known to be one or zero, and a few values it is known not to be.
    /// Used to decide later tests of the same value (redundant-test
    /// elimination and jump threading).
    struct Knowledge: Hashable, Sendable {
        var lower: UInt32 = 0
        var upper: UInt32 = .max
        var ones: UInt32 = 0
        var zeros: UInt32 = 0
        var excluded = ExcludedValues()

        /// Nothing known.
        static let unknown = Knowledge()

        /// The value, when the facts pin it down.
        var exactValue: UInt32? { lower == upper ? lower : nil }

        /// The outcome of `value op k`, when the facts decide it.
        func decide(_ operation: JumpOperation, _ k: UInt32) -> Bool? {
            if let exactValue { return Test.evaluate(operation, exactValue, k) }
            switch operation {
            case .ja:
                return true
            case .jeq:
                if k < lower || k > upper || excluded.contains(k) { return false }
                if k & zeros != 0 || ~k & ones != 0 { return false }
                return nil
            case .jgt:
                if lower > k { return true }
                if upper <= k { return false }
                return nil
            case .jge:
                if lower >= k { return true }
                if upper < k { return false }
                return nil
            case .jset:
                if ones & k != 0 { return true }
                if k & ~zeros == 0 { return false }
                if upper < (k & (0 &- k)) { return false }  // below k's lowest set bit
                return nil
            }
        }

        /// These facts plus the outcome of `value op k`.
        func assuming(_ operation: JumpOperation, _ k: UInt32, _ outcome: Bool) -> Knowledge {
            var result = self
            switch (operation, outcome) {
            case (.ja, _):
                break
            case (.jeq, true):
                result.lower = k; result.upper = k
            case (.jeq, false):
                result.excluded.insert(k)
            case (.jgt, true):
                result.lower = Swift.max(result.lower, k &+ 1)
            case (.jgt, false):
                result.upper = Swift.min(result.upper, k)
            case (.jge, true):
                result.lower = Swift.max(result.lower, k)
            case (.jge, false):
                result.upper = Swift.min(result.upper, k &- 1)
            case (.jset, true):
                if k.nonzeroBitCount == 1 { result.ones |= k }
            case (.jset, false):
                result.zeros |= k
            }
            return result
        }

        /// What holds on either of two paths.
        func union(_ other: Knowledge) -> Knowledge {
            Knowledge(lower: Swift.min(lower, other.lower), upper: Swift.max(upper, other.upper),
                      ones: ones & other.ones, zeros: zeros & other.zeros,
                      excluded: excluded.intersection(other.excluded))
        }
    }
}

extension Optimizer.Knowledge {
    /// Up to eight values a value is known not to be, stored inline so that
    /// knowledge is a plain value (copying a state allocates nothing for it).
    struct ExcludedValues: Hashable, Sendable {
        private var slots = SIMD8<UInt32>()
        private(set) var count = 0

        /// At most this many excluded values are remembered, to keep states small.
        static let limit = 8

        func contains(_ value: UInt32) -> Bool {
            for index in 0..<count where slots[index] == value { return true }
            return false
        }

        /// Adds `value` if it is new and there is room.
        mutating func insert(_ value: UInt32) {
            guard count < ExcludedValues.limit, !contains(value) else { return }
            slots[count] = value
            count += 1
        }

        /// The values both hold.
        func intersection(_ other: ExcludedValues) -> ExcludedValues {
            var result = ExcludedValues()
            for index in 0..<count where other.contains(slots[index]) { result.insert(slots[index]) }
            return result
        }

        static func == (left: ExcludedValues, right: ExcludedValues) -> Bool {
            left.count == right.count && (0..<left.count).allSatisfy { left.slots[$0] == right.slots[$0] }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(count)
            for index in 0..<count { hasher.combine(slots[index]) }
        }
    }
}
