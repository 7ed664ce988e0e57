import SluiceBytecode

extension Optimizer.ControlFlowGraph {
    /// A topological order of the blocks that puts a block's jump target
    /// (or else its earlier successor, then the other) right after it
    /// whenever that successor has no other predecessor left to place, so
    /// that most unconditional jumps become fall-throughs and the input's
    /// own order is kept where it can be. After a return it prefers a block
    /// that needs no scratch word the return's paths lack (see
    /// `scratchGuards`).
    func layoutOrder() -> [Int] {
        var remaining = predecessorCounts
        var placed = [Bool](repeating: false, count: blocks.count)
        var written = [UInt16](repeating: .max, count: blocks.count)
        written[0] = 0
        var ready = Optimizer.MinimumHeap()
        var order: [Int] = []
        order.reserveCapacity(blocks.count)
        var current: Int? = 0
        var skipped: [Int] = []
        while let block = current {
            placed[block] = true
            order.append(block)
            let writtenAfter = scratchWritten(after: block, entry: written[block])
            for successor in blocks[block].exit.successors {
                written[successor] &= writtenAfter
                remaining[successor] -= 1
                if remaining[successor] == 0 { ready.push(successor) }
            }
            let preferred: [Int]
            switch blocks[block].exit {
            case .jump(let target): preferred = [target]
            case .branch(_, let t, let f): preferred = [min(t, f), max(t, f)]
            default: preferred = []
            }
            current = preferred.first { remaining[$0] == 0 && !placed[$0] }
            // After a return, a few tries for a block that fits; else the first.
            let isReturn = blocks[block].exit.isReturn
            while current == nil, let candidate = ready.pop() {
                guard !placed[candidate] else { continue }
                if !isReturn || written[candidate] & ~writtenAfter == 0 || skipped.count == 4 {
                    current = candidate
                } else {
                    skipped.append(candidate)
                }
            }
            if current == nil, !skipped.isEmpty { current = skipped.removeFirst() }
            for candidate in skipped { ready.push(candidate) }
            skipped.removeAll(keepingCapacity: true)
        }
        return order
    }

    /// True when the block is only a return, so a jump to it may be
    /// replaced by a copy of the return.
    func isBareReturn(_ block: Int) -> Bool {
        blocks[block].steps.isEmpty && blocks[block].exit.isReturn
    }

    /// The return instruction of a block that ends in a return.
    func returnInstruction(of block: Int) -> Instruction {
        if case .returnConstant(let k) = blocks[block].exit { return .return(k) }
        return .returnA
    }

    /// Encodes the graph as a program with 8-bit `jt`/`jf`, the shorter of
    /// two layouts: one where each conditional jump to a target more than
    /// 255 instructions ahead goes through its own `ja` trampoline, and one
    /// where such jumps share islands (a copy of the target's return, or
    /// a `ja`) placed within reach of a group of them.
    func program() -> Program {
        let order = layoutOrder()
        let plain = encodeForLinux(order)
        guard plain.count > 256 else { return plain }
        var withIslands = self
        let islandOrder = withIslands.insertIslands(order)
        let shared = withIslands.encodeForLinux(islandOrder)
        return shared.count < plain.count ? shared : plain
    }

    /// Lays the blocks out in `order`, adding a `ja` trampoline after any
    /// conditional jump whose target is still out of 8-bit reach. With
    /// `guards` (see `scratchGuards`), jumps to returns stay jumps, and a
    /// return block marked there is followed by an unreachable `ja` to the
    /// last instruction.
    func encode(_ order: [Int], guards: [Bool]? = nil) -> Program {
        var next = [Int](repeating: -1, count: blocks.count)
        for (position, block) in order.enumerated() where position + 1 < order.count {
            next[block] = order[position + 1]
        }
        var farTrue = [Bool](repeating: false, count: blocks.count)
        var farFalse = farTrue
        var start = [Int](repeating: 0, count: blocks.count)
        // Trampolines only ever get added, so this settles after at most one
        // round per far edge (in practice one or two rounds).
        var changed = true
        var total = 0
        while changed {
            changed = false
            var position = 0
            for block in order {
                start[block] = position
                position += blocks[block].steps.count + exitSize(block, next: next[block],
                                                                farTrue: farTrue[block], farFalse: farFalse[block])
                if guards?[block] == true { position += 1 }
            }
            total = position
            for block in order {
                guard case .branch(_, let t, let f) = blocks[block].exit else { continue }
                let after = start[block] + blocks[block].steps.count + 1
                if !farTrue[block], start[t] - after > 255 { farTrue[block] = true; changed = true }
                if !farFalse[block], start[f] - after > 255 { farFalse[block] = true; changed = true }
            }
        }
        let copiesReturns = guards == nil
        var instructions: [Instruction] = []
        instructions.reserveCapacity(total)
        for block in order {
            instructions.append(contentsOf: blocks[block].steps.map(\.instruction))
            switch blocks[block].exit {
            case .returnConstant, .returnA:
                instructions.append(returnInstruction(of: block))
                if guards?[block] == true { instructions.append(.jump(UInt32(total - 1 - instructions.count - 1))) }
            case .jump(let target):
                if target != next[block] {
                    instructions.append(jump(to: target, from: instructions.count, start: start, copyingReturns: copiesReturns))
                }
            case .branch(let test, let t, let f):
                let after = instructions.count + 1
                let trueOffset = farTrue[block] ? 0 : start[t] - after
                let falseOffset = farFalse[block] ? (farTrue[block] ? 1 : 0) : start[f] - after
                instructions.append(test.instruction(true: UInt8(trueOffset), false: UInt8(falseOffset)))
                if farTrue[block] {
                    instructions.append(jump(to: t, from: instructions.count, start: start, copyingReturns: copiesReturns))
                }
                if farFalse[block] {
                    instructions.append(jump(to: f, from: instructions.count, start: start, copyingReturns: copiesReturns))
                }
            }
        }
        return Program(instructions)
    }

    /// Start positions and sizes of the blocks laid out in `order`,
    /// without trampolines.
    private func positions(_ order: [Int]) -> (start: [Int], size: [Int]) {
        var start = [Int](repeating: 0, count: blocks.count)
        var size = start
        var position = 0
        for (index, block) in order.enumerated() {
            let next = index + 1 < order.count ? order[index + 1] : -1
            start[block] = position
            size[block] = blocks[block].steps.count + exitSize(block, next: next, farTrue: false, farFalse: false)
            position += size[block]
        }
        return (start, size)
    }

    /// Adds island blocks to the order: for each target that conditional
    /// jumps cannot reach, a one-instruction block going there, placed
    /// after the last block that keeps the group's first jump in reach
    /// (and only after a block that does not fall through). Returns the
    /// new order; the islands are appended to `blocks`.
    mutating func insertIslands(_ order: [Int]) -> [Int] {
        let (start, size) = positions(order)
        let reach = 255 - 32  // leave room for islands placed in between
        var pending: [Int: (first: Int, users: [(block: Int, whenTrue: Bool)])] = [:]
        var pendingTargets: [Int] = []
        var result: [Int] = []
        result.reserveCapacity(order.count)
        for (index, block) in order.enumerated() {
            result.append(block)
            if case .branch(_, let t, let f) = blocks[block].exit {
                let after = start[block] + blocks[block].steps.count + 1
                for (target, whenTrue) in [(t, true), (f, false)] where start[target] - after > 255 {
                    if pending[target] == nil {
                        pending[target] = (after, [])
                        pendingTargets.append(target)
                    }
                    pending[target]?.users.append((block, whenTrue))
                }
            }
            let next = index + 1 < order.count ? order[index + 1] : -1
            if case .jump(let target) = blocks[block].exit, target == next { continue }
            let end = next >= 0 ? start[next] + size[next] : Int.max
            var stillPending: [Int] = []
            for target in pendingTargets {
                guard let group = pending[target] else { continue }
                guard end - group.first > reach, start[target] > start[block] + size[block] else {
                    stillPending.append(target)
                    continue
                }
                let island = blocks.count
                // Encoded as a copy of the target's return when it is a bare
                // return (unless scratch guards are needed), else as a `ja`.
                blocks.append(Optimizer.BasicBlock(steps: [], exit: .jump(target)))
                result.append(island)
                for user in group.users {
                    guard case .branch(let test, let t, let f) = blocks[user.block].exit else { continue }
                    blocks[user.block].exit = .branch(test, whenTrue: user.whenTrue ? island : t,
                                                      whenFalse: user.whenTrue ? f : island)
                }
                pending[target] = nil
            }
            pendingTargets = stillPending
        }
        return result
    }

    private func exitSize(_ block: Int, next: Int, farTrue: Bool, farFalse: Bool) -> Int {
        switch blocks[block].exit {
        case .returnConstant, .returnA: 1
        case .jump(let target): target == next ? 0 : 1
        case .branch: 1 + (farTrue ? 1 : 0) + (farFalse ? 1 : 0)
        }
    }

    /// A `ja` from `position` to `target`, or a copy of the target's return.
    private func jump(to target: Int, from position: Int, start: [Int], copyingReturns: Bool) -> Instruction {
        if copyingReturns, isBareReturn(target) { return returnInstruction(of: target) }
        return .jump(UInt32(start[target] - position - 1))
    }
}

extension Optimizer {
    /// A binary min-heap of block indices, for the layout's ready list.
    struct MinimumHeap {
        private var items: [Int] = []

        mutating func push(_ item: Int) {
            items.append(item)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child] < items[parent] else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> Int? {
            guard let first = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var smallest = parent
                    if left < items.count, items[left] < items[smallest] { smallest = left }
                    if right < items.count, items[right] < items[smallest] { smallest = right }
                    if smallest == parent { break }
                    items.swapAt(parent, smallest)
                    parent = smallest
                }
            }
            return first
        }
    }
}
