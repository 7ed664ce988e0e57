import SluiceBytecode

extension Optimizer {
    /// What the optimizer knows at one point of a program, for every path that
    /// reaches it: the value number in A, X and each scratch word, a length the
    /// captured packet is known to reach (so loads below it cannot fail), and
    /// facts from the tests taken.
    struct AbstractState: Sendable {
        var a: ValueNumber
        var x: ValueNumber
        var memory: ScratchValues
        /// Every load ending at or below this offset succeeds.
        var capturedAtLeast: UInt32
        var facts: FactList

        /// At most this many facts are kept (the oldest by value number go
        /// first), so merging stays cheap on very large programs.
        static let factLimit = 48

        /// The state at the start of a program: A and X are 0, the scratch words
        /// hold values of their own (the verifier guarantees they are written
        /// before they are read).
        init(table: inout ValueTable) {
            a = table.constant(0)
            x = a
            memory = ScratchValues()
            for index in 0..<16 { memory[index] = table.fresh() }
            capturedAtLeast = 0
            facts = FactList()
        }

        /// The value number in a register.
        subscript(register: Register) -> ValueNumber {
            get { register == .a ? a : x }
            set { if register == .a { a = newValue } else { x = newValue } }
        }

        /// True when a register or scratch word already holds the value, so it
        /// was computed (and any load in it succeeded) on every path to here.
        func holds(_ value: ValueNumber) -> Bool {
            a == value || x == value || memory.contains(value)
        }

        /// What is known about a value.
        func knowledge(of value: ValueNumber, table: ValueTable) -> Knowledge {
            if let constant = table.constantValue(value) {
                return Knowledge(lower: constant, upper: constant)
            }
            return facts[value] ?? .unknown
        }

        /// Records a test's outcome on a value.
        mutating func assume(_ value: ValueNumber, _ operation: JumpOperation, _ k: UInt32, _ outcome: Bool,
                             table: ValueTable) {
            guard table.constantValue(value) == nil else { return }
            let known = facts[value]
            let updated = (known ?? .unknown).assuming(operation, k, outcome)
            guard updated != known else { return }  // no copy of a shared list for nothing
            facts[value] = updated
            if facts.count > AbstractState.factLimit, facts.oldest != value {
                facts.removeOldest()
            }
        }

        /// Notes that a load of `size` bytes at `offset` succeeded.
        mutating func loaded(_ size: Int, at offset: UInt32) {
            capturedAtLeast = PacketBound.extend(capturedAtLeast, size, at: offset)
        }

        /// True when a load of `size` bytes at `offset` cannot fail here.
        func canLoad(_ size: Int, at offset: UInt32) -> Bool {
            PacketBound.fits(size, at: offset, below: capturedAtLeast)
        }

        /// What holds on every one of the incoming paths. Registers on which
        /// the paths disagree get fresh numbers.
        static func merge(_ states: [AbstractState], table: inout ValueTable) -> AbstractState {
            var result = states[0]
            var disagree = SIMDMask<SIMD16<Int32>.MaskStorage>()
            for other in states.dropFirst() {
                if result.a != other.a { result.a = -1 }
                if result.x != other.x { result.x = -1 }
                disagree .|= result.memory.differences(from: other.memory)
                result.capturedAtLeast = Swift.min(result.capturedAtLeast, other.capturedAtLeast)
                if result.facts.count > 0 { result.facts = result.facts.intersection(other.facts) }
            }
            if result.a == -1 { result.a = table.fresh() }
            if result.x == -1 { result.x = table.fresh() }
            if any(disagree) {
                for index in 0..<16 where disagree[index] { result.memory[index] = table.fresh() }
            }
            return result
        }
    }
}
