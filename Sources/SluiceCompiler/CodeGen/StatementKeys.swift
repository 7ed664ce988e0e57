import SluiceBytecode

/// A number for each block's statements, so that the graph simplifications
/// compare and hash integers rather than instruction lists: two blocks get
/// the same key when their statements are the same *keyable* list (a pure
/// function of the packet, `RegisterEffects.isKeyable`), which leaves the
/// same value in A.
struct StatementKeys {
    /// The key of an empty list: A keeps the value it had.
    static let passThrough: Int32 = -1
    /// No key: A's value after the statements is not a function of the packet alone.
    static let none: Int32 = -2

    private var ofBlock: [Int32]

    init(_ graph: ControlFlowGraph) {
        var numbers = InternTable()
        // The first block with each keyable list, by key.
        var firstBlock: [Int] = []
        ofBlock = graph.blocks.indices.map { id in
            let statements = graph[id].statements
            if statements.isEmpty { return StatementKeys.passThrough }
            guard RegisterEffects(statements).isKeyable else { return StatementKeys.none }
            let found = numbers.number(of: Block.hashWord(of: statements)) { graph[firstBlock[$0]].statements == statements }
            if found.inserted { firstBlock.append(id) }
            return Int32(truncatingIfNeeded: found.number)
        }
    }

    /// The key of A after block `id` runs, when A's key was `keyIn` before.
    func after(_ id: Int, _ keyIn: Int32) -> Int32 {
        let key = ofBlock[id]
        return key == StatementKeys.passThrough ? keyIn : key
    }
}
