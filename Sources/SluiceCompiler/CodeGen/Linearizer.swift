import SluiceBytecode

/// Lays the graph out as cBPF: blocks in topological order, conditional
/// jumps with 8-bit offsets (a far target goes through a `ja` placed right
/// after the jump), both returns at the end; one source span per instruction.
struct Linearizer {
    let graph: ControlFlowGraph
    let entry: Target
    let acceptValue: UInt32

    /// The program and the span of each instruction.
    func program() -> (instructions: [Instruction], spans: [SourceSpan?]) {
        let order = reachableOrder()
        // Far edges only ever get added, so this settles; each round is one linear pass.
        var far = FarEdges(count: graph.blocks.count)
        while true {
            let positions = layout(order, far: far)
            var changed = false
            for id in order {
                guard case .conditional(_, _, let t, let f) = graph[id].branch else { continue }
                let jumpAt = positions.jump[id]
                if !far.isFar(id, true), positions.address(of: t) - (jumpAt + 1) > 255 {
                    far.mark(id, true)
                    changed = true
                }
                if !far.isFar(id, false), positions.address(of: f) - (jumpAt + 1) > 255 {
                    far.mark(id, false)
                    changed = true
                }
            }
            if !changed { return emit(order, positions: positions, far: far) }
        }
    }

    /// Which conditional branches need a `ja`, per block: bit 0 the true
    /// branch, bit 1 the false branch.
    private struct FarEdges {
        private var bits: [UInt8]

        init(count: Int) { bits = [UInt8](repeating: 0, count: count) }

        func isFar(_ block: Int, _ isTrue: Bool) -> Bool { bits[block] & (isTrue ? 1 : 2) != 0 }
        mutating func mark(_ block: Int, _ isTrue: Bool) { bits[block] |= isTrue ? 1 : 2 }
        /// How many `ja` the block's jump needs (0, 1 or 2).
        func count(_ block: Int) -> Int { Int(bits[block] & 1) + Int(bits[block] >> 1) }
    }

    /// Addresses, as arrays indexed by block number.
    private struct Positions {
        var start: [Int]
        var jump: [Int]
        var accept = 0
        var reject = 0

        init(count: Int) {
            start = [Int](repeating: 0, count: count)
            jump = [Int](repeating: 0, count: count)
        }

        func address(of target: Target) -> Int {
            switch target {
            case .accept: accept
            case .reject: reject
            case .block(let id): start[id]
            }
        }
    }

    /// Reachable blocks, entry first, in decreasing block number (a topological order).
    private func reachableOrder() -> [Int] {
        guard case .block(let entryID) = entry else { return [] }
        var reachable = [Bool](repeating: false, count: graph.blocks.count)
        reachable[entryID] = true
        var order: [Int] = []
        for id in stride(from: entryID, through: 0, by: -1) where reachable[id] {
            order.append(id)
            switch graph[id].branch {
            case .conditional(_, _, let t, let f):
                if case .block(let next) = t { reachable[next] = true }
                if case .block(let next) = f { reachable[next] = true }
            case .always(let t):
                if case .block(let next) = t { reachable[next] = true }
            }
        }
        return order
    }

    /// The target that follows block `index` of `order` in the layout.
    private func fallThrough(_ order: [Int], _ index: Int) -> Target {
        index + 1 < order.count ? .block(order[index + 1]) : .accept
    }

    private func layout(_ order: [Int], far: FarEdges) -> Positions {
        var positions = Positions(count: graph.blocks.count)
        var address = 0
        for (index, id) in order.enumerated() {
            let block = graph[id]
            positions.start[id] = address
            address += block.statements.count
            positions.jump[id] = address
            switch block.branch {
            case .conditional:
                address += 1 + far.count(id)
            case .always(let target):
                if target != fallThrough(order, index) { address += 1 }
            }
        }
        positions.accept = address
        positions.reject = address + 1
        return positions
    }

    private func emit(_ order: [Int], positions: Positions, far: FarEdges) -> ([Instruction], [SourceSpan?]) {
        var instructions: [Instruction] = []
        var spans: [SourceSpan?] = []
        instructions.reserveCapacity(positions.reject + 1)
        spans.reserveCapacity(positions.reject + 1)
        func append(_ instruction: Instruction, _ span: SourceSpan?) {
            instructions.append(instruction)
            spans.append(span)
        }
        if order.isEmpty {
            append(.return(entry == .accept ? acceptValue : 0), nil)
            return (instructions, spans)
        }
        for (index, id) in order.enumerated() {
            let block = graph[id]
            for statement in block.statements { append(statement, block.span) }
            switch block.branch {
            case .conditional(let op, let operand, let t, let f):
                let here = instructions.count
                let farTrue = far.isFar(id, true)
                let farFalse = far.isFar(id, false)
                let trueOffset = farTrue ? 0 : positions.address(of: t) - here - 1
                let falseOffset = farFalse ? (farTrue ? 1 : 0) : positions.address(of: f) - here - 1
                let jumpTrue = UInt8(clamping: trueOffset)
                let jumpFalse = UInt8(clamping: falseOffset)
                switch operand {
                case .constant(let k): append(.jump(op, k, true: jumpTrue, false: jumpFalse), block.span)
                case .x: append(.jumpX(op, true: jumpTrue, false: jumpFalse), block.span)
                }
                if farTrue { append(.jump(UInt32(positions.address(of: t) - instructions.count - 1)), block.span) }
                if farFalse { append(.jump(UInt32(positions.address(of: f) - instructions.count - 1)), block.span) }
            case .always(let target):
                if target != fallThrough(order, index) {
                    let from = instructions.count
                    append(.jump(UInt32(positions.address(of: target) - from - 1)), block.span)
                }
            }
        }
        append(.return(acceptValue), nil)
        append(.return(0), nil)
        return (instructions, spans)
    }
}
