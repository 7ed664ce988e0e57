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
        var numbers: [[Instruction]: Int32] = [:]
        ofBlock = graph.blocks.map { block in
            if block.statements.isEmpty { return StatementKeys.passThrough }
            guard RegisterEffects(block.statements).isKeyable else { return StatementKeys.none }
            if let number = numbers[block.statements] { return number }
            let number = Int32(numbers.count)
            numbers[block.statements] = number
            return number
        }
    }

    /// The key of A after block `id` runs, when A's key was `keyIn` before.
    func after(_ id: Int, _ keyIn: Int32) -> Int32 {
        let key = ofBlock[id]
        return key == StatementKeys.passThrough ? keyIn : key
    }
}
