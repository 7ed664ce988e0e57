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
        var far: Set<FarEdge> = []
        while true {
            let positions = layout(order, far: far)
            var changed = false
            for id in order {
                guard case .conditional(_, _, let t, let f) = graph[id].branch else { continue }
                let jumpAt = positions.jump[id, default: 0]
                for (target, isTrue) in [(t, true), (f, false)] where !far.contains(FarEdge(block: id, isTrue: isTrue)) {
                    if positions.address(of: target) - (jumpAt + 1) > 255 {
                        far.insert(FarEdge(block: id, isTrue: isTrue))
                        changed = true
                    }
                }
            }
            if !changed { return emit(order, positions: positions, far: far) }
        }
    }

    private struct FarEdge: Hashable {
        var block: Int
        var isTrue: Bool
    }

    private struct Positions {
        var start: [Int: Int] = [:]
        var jump: [Int: Int] = [:]
        var accept = 0
        var reject = 0

        func address(of target: Target) -> Int {
            switch target {
            case .accept: accept
            case .reject: reject
            case .block(let id): start[id, default: 0]
            }
        }
    }

    /// Reachable blocks, entry first, in decreasing block number (a topological order).
    private func reachableOrder() -> [Int] {
        guard case .block(let entryID) = entry else { return [] }
        var reachable: Set<Int> = [entryID]
        var order: [Int] = []
        for id in stride(from: entryID, through: 0, by: -1) where reachable.contains(id) {
            order.append(id)
            for case .block(let next) in graph[id].branch.targets { reachable.insert(next) }
        }
        return order
    }

    /// The target that follows block `index` of `order` in the layout.
    private func fallThrough(_ order: [Int], _ index: Int) -> Target {
        index + 1 < order.count ? .block(order[index + 1]) : .accept
    }

    private func layout(_ order: [Int], far: Set<FarEdge>) -> Positions {
        var positions = Positions()
        var address = 0
        for (index, id) in order.enumerated() {
            let block = graph[id]
            positions.start[id] = address
            address += block.statements.count
            positions.jump[id] = address
            switch block.branch {
            case .conditional:
                address += 1
                address += far.filter { $0.block == id }.count
            case .always(let target):
                if target != fallThrough(order, index) { address += 1 }
            }
        }
        positions.accept = address
        positions.reject = address + 1
        return positions
    }

    private func emit(_ order: [Int], positions: Positions, far: Set<FarEdge>) -> ([Instruction], [SourceSpan?]) {
        var instructions: [Instruction] = []
        var spans: [SourceSpan?] = []
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
                let farTrue = far.contains(FarEdge(block: id, isTrue: true))
                let farFalse = far.contains(FarEdge(block: id, isTrue: false))
                let trueOffset = farTrue ? 0 : positions.address(of: t) - here - 1
                let falseOffset = farFalse ? (farTrue ? 1 : 0) : positions.address(of: f) - here - 1
                let jumpTrue = UInt8(clamping: trueOffset)
                let jumpFalse = UInt8(clamping: falseOffset)
                switch operand {
                case .constant(let k): append(.jump(op, k, true: jumpTrue, false: jumpFalse), block.span)
                case .x: append(.jumpX(op, true: jumpTrue, false: jumpFalse), block.span)
                }
                for (target, isFar) in [(t, farTrue), (f, farFalse)] where isFar {
                    let from = instructions.count
                    append(.jump(UInt32(positions.address(of: target) - from - 1)), block.span)
                }
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
