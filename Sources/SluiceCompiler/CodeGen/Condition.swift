import SluiceBytecode

/// What an atom means in cBPF terms: a boolean formula over tests, each
/// test being straight-line statements that leave a value in A followed by
/// one conditional jump (libpcap's `struct block`).
///
/// Only the cases that hold a condition directly are boxed: a test or a
/// list is stored inline, which spares an allocation per node (a 1,000-term
/// rule list builds tens of thousands).
enum Condition: Sendable {
    case constant(Bool)
    case test(Test)
    /// Statements run for their effect (scratch stores), then true.
    case effect([Instruction], SourceSpan?)
    case and([Condition])
    case or([Condition])
    indirect case not(Condition)
    /// If the first holds, the second decides, else the third; unlike
    /// `or`, a false second does not fall through to the third (the
    /// first may be followed by statements that change the registers).
    indirect case choose(Condition, Condition, Condition)
    /// A condition lowered once per continuation pair and then reused
    /// (keeps unrolled loops linear); the key must identify the condition.
    indirect case shared(String, Condition)
}

/// Statements, then `jump op operand`.
struct Test: Sendable, Hashable {
    var statements: [Instruction]
    var operation: JumpOperation
    var operand: Operand
    var span: SourceSpan?

    /// Equality ignores the span, so identical code shares one block.
    static func == (lhs: Test, rhs: Test) -> Bool {
        lhs.statements == rhs.statements && lhs.operation == rhs.operation && lhs.operand == rhs.operand
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(statements)
        hasher.combine(operation)
        hasher.combine(operand)
    }
}

/// The right-hand side of a jump.
enum Operand: Sendable, Hashable {
    case constant(UInt32)
    case x
}

/// Builders for the test shapes code generation uses.
extension Condition {
    /// `A = load; [A &= mask]; jeq value`.
    static func equal(_ load: [Instruction], _ value: UInt32, mask: UInt32 = 0xffff_ffff, span: SourceSpan?) -> Condition {
        let statements = mask == 0xffff_ffff ? load : load + [.alu(.and, mask)]
        return .test(Test(statements: statements, operation: .jeq, operand: .constant(value), span: span))
    }

    /// `A = load; jop value`.
    static func jump(_ load: [Instruction], _ operation: JumpOperation, _ value: UInt32, span: SourceSpan?) -> Condition {
        .test(Test(statements: load, operation: operation, operand: .constant(value), span: span))
    }

    /// `(load & bits) != 0`.
    static func anyBits(_ load: [Instruction], _ bits: UInt32, span: SourceSpan?) -> Condition {
        jump(load, .jset, bits, span: span)
    }
}
