import SluiceBytecode

extension Optimizer {
    /// A number naming a value computed during one run of a program: two
    /// computations with the same number give the same 32-bit value on every
    /// packet.
    typealias ValueNumber = Int
}

extension Optimizer {
    /// How a value was computed. Packet loads are pure functions of the packet,
    /// so the same load anywhere gets the same number; a value the optimizer
    /// cannot describe (a register after a join of disagreeing paths, a random
    /// number) gets a fresh key of its own.
    enum ValueKey: Hashable, Sendable {
        case constant(UInt32)
        case packet(LoadSize, UInt32)
        case indirect(LoadSize, UInt32, index: ValueNumber)
        case headerLength(UInt32)
        case length
        case ancillary(LoadSize, UInt32)
        case alu(ALUOperation, ValueNumber, ValueNumber)
        case fresh(Int)
    }
}

extension Optimizer {
    /// Hash-consing of value keys to value numbers, with constant folding.
    struct ValueTable {
        private var numbers: [ValueKey: ValueNumber] = [:]
        private var keys: [ValueKey] = []
        private var constants: [ValueNumber: UInt32] = [:]
        private var freshCount = 0

        /// The number for `key`, made on first use.
        mutating func number(_ key: ValueKey) -> ValueNumber {
            if let existing = numbers[key] { return existing }
            let number = keys.count
            numbers[key] = number
            keys.append(key)
            if case .constant(let value) = key { constants[number] = value }
            return number
        }

        /// The number of a constant.
        mutating func constant(_ value: UInt32) -> ValueNumber {
            number(.constant(value))
        }

        /// A number no other computation shares.
        mutating func fresh() -> ValueNumber {
            // Never looked up by key, so it stays out of the dictionary.
            freshCount += 1
            keys.append(.fresh(freshCount))
            return keys.count - 1
        }

        /// How a number was computed.
        func key(of number: ValueNumber) -> ValueKey {
            keys[number]
        }

        /// `(v, c)` when the number is `v + c` for a constant `c`.
        func offsetForm(_ number: ValueNumber) -> (base: ValueNumber, offset: UInt32)? {
            guard case .alu(.add, let left, let right) = keys[number] else { return nil }
            if let c = constantValue(right) { return (left, c) }
            if let c = constantValue(left) { return (right, c) }
            return nil
        }

        /// The constant a number stands for, if it is one.
        func constantValue(_ number: ValueNumber) -> UInt32? {
            constants[number]
        }

        /// The number of `left op right`, folded when both are constants or an
        /// identity applies (`+ 0`, `* 1`, `& 0xffffffff`, `* 0`, ...).
        /// Division and modulo by zero, and shifts by 32 or more, are never
        /// folded: they keep their run-time meaning.
        mutating func alu(_ op: ALUOperation, _ left: ValueNumber, _ right: ValueNumber) -> ValueNumber {
            let l = constantValue(left), r = constantValue(right)
            if let l, let r, let folded = ValueTable.fold(op, l, r) { return constant(folded) }
            if let r {
                switch (op, r) {
                case (.add, 0), (.sub, 0), (.or, 0), (.xor, 0), (.lsh, 0), (.rsh, 0),
                     (.mul, 1), (.div, 1), (.and, 0xFFFF_FFFF):
                    return left
                case (.mul, 0), (.and, 0):
                    return constant(0)
                case (.or, 0xFFFF_FFFF):
                    return constant(0xFFFF_FFFF)
                case (.mod, 1):
                    return constant(0)
                default:
                    break
                }
            }
            if op == .xor || op == .sub, left == right { return constant(0) }
            if op == .and || op == .or, left == right { return left }
            switch op {
            case .add, .mul, .and, .or, .xor:
                return number(.alu(op, min(left, right), max(left, right)))
            default:
                return number(.alu(op, left, right))
            }
        }

        /// `l op r` as the interpreter computes it, or nil where the result is
        /// not a plain value (division by zero ends the program; shifts of 32 or
        /// more are left to run time).
        static func fold(_ op: ALUOperation, _ l: UInt32, _ r: UInt32) -> UInt32? {
            switch op {
            case .add: l &+ r
            case .sub: l &- r
            case .mul: l &* r
            case .div: r == 0 ? nil : l / r
            case .mod: r == 0 ? nil : l % r
            case .or: l | r
            case .and: l & r
            case .xor: l ^ r
            case .lsh: r < 32 ? l << r : nil
            case .rsh: r < 32 ? l >> r : nil
            case .neg: 0 &- l
            }
        }
    }
}
