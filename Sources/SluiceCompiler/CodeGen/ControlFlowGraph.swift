import SluiceBytecode

/// Where a branch goes: another block, or the end of the program.
enum Target: Hashable, Sendable {
    /// `ret #snaplen`.
    case accept
    /// `ret #0`.
    case reject
    case block(Int)
}

/// How a block ends.
enum Branch: Hashable, Sendable {
    case conditional(JumpOperation, Operand, Target, Target)
    case always(Target)

    var targets: [Target] {
        switch self {
        case .conditional(_, _, let t, let f): [t, f]
        case .always(let t): [t]
        }
    }
}

/// Straight-line statements and a branch (libpcap's `struct block`).
struct Block: Hashable, Sendable {
    var statements: [Instruction]
    var branch: Branch
    var span: SourceSpan?

    static func == (lhs: Block, rhs: Block) -> Bool {
        lhs.statements == rhs.statements && lhs.branch == rhs.branch
    }

    /// One `combine` of `hashWord`: hashing field by field dominated code
    /// generation for long rule lists. Equality still decides.
    func hash(into hasher: inout Hasher) {
        hasher.combine(hashWord)
    }

    /// The fields folded into a word (FNV-style), for `hash(into:)` and
    /// `ControlFlowGraph.add`'s table.
    var hashWord: UInt64 {
        var word = Block.hashWord(of: statements)
        func fold(_ value: UInt64) { word = (word ^ value) &* 0x100_0000_01b3 }
        switch branch {
        case .conditional(let op, let operand, let t, let f):
            switch operand {
            case .constant(let k): fold(UInt64(op.rawValue) << 32 | UInt64(k))
            case .x: fold(UInt64(op.rawValue) << 32 | 1 << 48)
            }
            fold(t.hashWord)
            fold(f.hashWord)
        case .always(let t):
            fold(1 << 56)
            fold(t.hashWord)
        }
        return word
    }

    /// A statement list folded into a word (FNV-style).
    static func hashWord(of statements: [Instruction]) -> UInt64 {
        var word = UInt64(statements.count)
        for statement in statements {
            let packed = UInt64(statement.code) << 48 | UInt64(statement.jt) << 40 | UInt64(statement.jf) << 32 | UInt64(statement.k)
            word = (word ^ packed) &* 0x100_0000_01b3
        }
        return word
    }
}

extension Target {
    /// A distinct word per target, for `Block.hash(into:)`.
    var hashWord: UInt64 {
        switch self {
        case .accept: 1 << 62
        case .reject: 2 << 62
        case .block(let id): UInt64(truncatingIfNeeded: id)
        }
    }
}

/// A control-flow graph built by lowering conditions with continuations
/// (the true and false targets), so every edge goes from a later block to
/// an earlier one: decreasing block number is a topological order.
/// Identical blocks are built once, which shares common suffixes.
struct ControlFlowGraph {
    private(set) var blocks: [Block] = []
    /// The number of each distinct block (`blocks` in the same order).
    private var numbers = InternTable()
    private var depth = 0
    private var sharedEntries: [String: Target] = [:]

    /// Deepest condition nesting lowered before giving up (bounds recursion).
    static let maximumDepth = 4000

    mutating func add(_ block: Block) -> Target {
        let found = numbers.number(of: block.hashWord) { blocks[$0] == block }
        if found.inserted { blocks.append(block) }
        return .block(found.number)
    }

    /// The entry of code that evaluates `condition` and continues at
    /// `onTrue` or `onFalse`.
    mutating func lower(_ condition: Condition, onTrue: Target, onFalse: Target) throws(GenerationError) -> Target {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ControlFlowGraph.maximumDepth else {
            throw GenerationError(message: "filter nested too deeply to compile", span: nil)
        }
        switch condition {
        case .constant(let value):
            return value ? onTrue : onFalse
        case .test(let test):
            if onTrue == onFalse { return onTrue }
            return add(Block(statements: test.statements,
                             branch: .conditional(test.operation, test.operand, onTrue, onFalse), span: test.span))
        case .effect(let statements, let span):
            return add(Block(statements: statements, branch: .always(onTrue), span: span))
        case .and(let operands):
            var next = onTrue
            for operand in operands.reversed() {
                next = try lower(operand, onTrue: next, onFalse: onFalse)
            }
            return next
        case .or(let operands):
            var next = onFalse
            for operand in operands.reversed() {
                next = try lower(operand, onTrue: onTrue, onFalse: next)
            }
            return next
        case .not(let operand):
            return try lower(operand, onTrue: onFalse, onFalse: onTrue)
        case .shared(let key, let inner):
            let memoKey = "\(key)|\(onTrue)|\(onFalse)"
            if let entry = sharedEntries[memoKey] { return entry }
            let entry = try lower(inner, onTrue: onTrue, onFalse: onFalse)
            sharedEntries[memoKey] = entry
            return entry
        case .choose(let condition, let then, let otherwise):
            let thenEntry = try lower(then, onTrue: onTrue, onFalse: onFalse)
            let elseEntry = try lower(otherwise, onTrue: onTrue, onFalse: onFalse)
            return try lower(condition, onTrue: thenEntry, onFalse: elseEntry)
        }
    }

    /// Block `id`, borrowed and changed in place: the simplifier's passes
    /// read and rewrite tens of thousands of blocks, and a copy per access
    /// retained (and on a change copied) each block's statement array.
    subscript(id: Int) -> Block {
        _read { yield blocks[id] }
        _modify { yield &blocks[id] }
    }
}
