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

extension Optimizer.ValueKey {
    /// A quick 64-bit mix of the key's fields, for `ValueTable`'s slots.
    var mix: UInt64 {
        let (tag, a, b, c): (UInt64, UInt64, UInt64, UInt64) = switch self {
        case .constant(let k): (1, UInt64(k), 0, 0)
        case .packet(let size, let k): (2, UInt64(size.rawValue), UInt64(k), 0)
        case .indirect(let size, let k, let index): (3, UInt64(size.rawValue), UInt64(k), UInt64(bitPattern: Int64(index)))
        case .headerLength(let k): (4, UInt64(k), 0, 0)
        case .length: (5, 0, 0, 0)
        case .ancillary(let size, let k): (6, UInt64(size.rawValue), UInt64(k), 0)
        case .alu(let op, let left, let right): (7, UInt64(op.rawValue), UInt64(bitPattern: Int64(left)), UInt64(bitPattern: Int64(right)))
        case .fresh(let n): (8, UInt64(bitPattern: Int64(n)), 0, 0)
        }
        var hash = tag &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ a) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ b) &* 0x94D0_49BB_1331_11EB
        hash = (hash ^ c) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 31)
    }
}

extension Optimizer {
    /// Hash-consing of value keys to value numbers, with constant folding.
    struct ValueTable {
        /// Open addressing from a key's mix to its number (-1: empty); the
        /// key itself is `keys[number]`. Cheaper than hashing keys with SipHash.
        private var slots = [Int32](repeating: -1, count: 1024)
        private var keys: [ValueKey] = []
        /// The constant each number stands for (indexed by number; `notConstant` if none).
        private var constants: [UInt64] = []
        private static let notConstant = UInt64.max
        private var freshCount = 0

        /// The number for `key`, made on first use.
        mutating func number(_ key: ValueKey) -> ValueNumber {
            var slot = Int(truncatingIfNeeded: key.mix) & (slots.count - 1)
            while slots[slot] >= 0 {
                if keys[Int(slots[slot])] == key { return Int(slots[slot]) }
                slot = (slot + 1) & (slots.count - 1)
            }
            let number = keys.count
            slots[slot] = Int32(truncatingIfNeeded: number)
            keys.append(key)
            if keys.count * 2 > slots.count { grow() }
            if case .constant(let value) = key {
                constants.append(UInt64(value))
            } else {
                constants.append(ValueTable.notConstant)
            }
            return number
        }

        /// Doubles the slots (keeping them at most half full).
        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            for (number, key) in keys.enumerated() {
                if case .fresh = key { continue }
                var slot = Int(truncatingIfNeeded: key.mix) & (slots.count - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = Int32(truncatingIfNeeded: number)
            }
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
            constants.append(ValueTable.notConstant)
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
            guard number >= 0, number < constants.count else { return nil }
            let value = constants[number]
            return value == ValueTable.notConstant ? nil : UInt32(value)
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
            if let r, op == .add || op == .sub, let (base, c) = offsetForm(left) {
                // (v + c) ± r is v + (c ± r): chains of additions get one number.
                return alu(.add, base, constant(op == .add ? c &+ r : c &- r))
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
