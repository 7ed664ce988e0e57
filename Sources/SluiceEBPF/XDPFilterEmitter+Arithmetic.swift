import SluiceCompiler

/// Relations over arithmetic on link-layer bytes, `len` and constants
/// (`ether[0] & 1 != 0`, `len > 100`; libpcap `gen_relation`): the left
/// side is computed first, then the right, then an unsigned 32-bit compare.
/// Loads from higher layers (`ip[]`, `tcp[]`) use the cBPF fallback.
extension XDPFilterEmitter {
    /// Registers for intermediate values (r0 keeps its cached field; r1/r2
    /// are the loads' scratch; r6/r7 the frame).
    static let arithmeticRegisters: [EBPFRegister] = [.r3, .r4, .r5, .r8, .r9]

    /// Nil when `expression` can be computed directly, else why not.
    static func unsupportedArithmetic(_ expression: ArithmeticExpression, depth: Int = 0) -> String? {
        guard depth < arithmeticRegisters.count else { return "arithmetic nested too deeply" }
        switch expression {
        case .constant, .length: return nil
        case .load(let layer, let offset, let size):
            guard layer == .link, case .constant = offset, [1, 2, 4].contains(size) else {
                return "loads other than \(PacketLayer.link.rawValue)[constant] are not generated directly"
            }
            return nil
        case .binary(let op, let lhs, let rhs):
            if op == .shiftLeft || op == .shiftRight {
                // A shift by 32 or more differs between engines; only small constants here.
                guard case .constant(let count) = rhs, count < 32 else { return "shift by a non-constant" }
            }
            return unsupportedArithmetic(lhs, depth: depth) ?? unsupportedArithmetic(rhs, depth: depth + 1)
        case .negate(let operand):
            return unsupportedArithmetic(operand, depth: depth)
        }
    }

    mutating func relation(_ lhs: ArithmeticExpression, _ relation: Relation, _ rhs: ArithmeticExpression,
                           ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let left = Self.arithmeticRegisters[0], right = Self.arithmeticRegisters[1]
        evaluate(lhs, depth: 0)
        evaluate(rhs, depth: 1)
        let op: EBPFJumpOperation = switch relation {
        case .equal: .jeq
        case .notEqual: .jne
        case .less: .jlt
        case .lessOrEqual: .jle
        case .greater: .jgt
        case .greaterOrEqual: .jge
        }
        emitJump(.jmp32(op, left, right, ifTrue), to: ifTrue)
        jump(to: ifFalse)
    }

    /// Computes `expression` into `arithmeticRegisters[depth]` (32 bits).
    mutating func evaluate(_ expression: ArithmeticExpression, depth: Int) {
        let target = Self.arithmeticRegisters[depth]
        switch expression {
        case .constant(let value):
            asm.emit(.mov32(target, imm: Int32(bitPattern: value)))
        case .length:
            // data_end - data: the frame's length, as the translator's `len`.
            asm.emit(.mov64(target, XDPFrame.dataEnd))
            asm.emit(.alu64(.sub, target, XDPFrame.data))
        case .load(_, .constant(let offset), let size):
            let width: EBPFSize = size == 1 ? .byte : size == 2 ? .half : .word
            if Int(offset) + size > XDPFrame.maximumOffset {
                jump(to: outOfBounds)  // past any frame XDP sees
                asm.emit(.mov32(target, imm: 0))
            } else {
                load(width, at: Int(offset), into: target)
            }
        case .load:
            asm.emit(.mov32(target, imm: 0))  // excluded by unsupportedArithmetic
        case .binary(let op, let lhs, let rhs):
            evaluate(lhs, depth: depth)
            evaluate(rhs, depth: depth + 1)
            let operand = Self.arithmeticRegisters[depth + 1]
            let aluOp: EBPFALUOperation = switch op {
            case .add: .add
            case .subtract: .sub
            case .multiply: .mul
            case .divide: .div
            case .modulo: .mod
            case .and: .and
            case .or: .or
            case .xor: .xor
            case .shiftLeft: .lsh
            case .shiftRight: .rsh
            }
            if op == .divide || op == .modulo {
                // cBPF: division by zero rejects the frame.
                emitJump(.jmp32(.jeq, operand, imm: 0, outOfBounds), to: outOfBounds)
            }
            asm.emit(.alu32(aluOp, target, operand))
        case .negate(let operand):
            evaluate(operand, depth: depth)
            asm.emit(.neg32(target))
        }
    }
}
