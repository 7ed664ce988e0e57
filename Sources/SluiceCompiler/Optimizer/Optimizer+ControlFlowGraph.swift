import SluiceBytecode

extension Optimizer {
    /// A straight run of steps with one way in and an exit.
    struct BasicBlock: Hashable, Sendable {
        var steps: [Step]
        var exit: Exit

        /// A hash of the block that is cheap to compute (equal blocks have
        /// equal fingerprints).
        var fingerprint: UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x0000_0100_0000_01b3 ^ (hash >> 29) }
            for step in steps {
                let instruction = step.instruction
                mix(UInt64(instruction.code) << 32 | UInt64(instruction.k))
            }
            switch exit {
            case .returnConstant(let k): mix(1 << 40 | UInt64(k))
            case .returnA: mix(2 << 40)
            case .jump(let target): mix(3 << 40 | UInt64(target))
            case .branch(let test, let t, let f):
                mix(4 << 40 | UInt64(test.instruction(true: 0, false: 0).code) << 32 | UInt64(test.instruction(true: 0, false: 0).k))
                mix(UInt64(t) << 32 | UInt64(f))
            }
            return hash
        }
    }
}

extension Optimizer {
    /// A classic BPF program as a graph of basic blocks.
    ///
    /// Classic BPF jumps only forward, so the graph is acyclic; the optimizer
    /// keeps the blocks in a topological order (every edge goes to a higher
    /// index) and the entry block first. Every pass relies on that order to
    /// visit each block once, which is why each pass ends after one sweep.
    struct ControlFlowGraph: Hashable, Sendable {
        var blocks: [BasicBlock]

        /// Splits a program into blocks at jump targets and after jumps and
        /// returns. Nil when the program has a jump out of range, falls off its
        /// end, or uses an encoding the optimizer does not model.
        init?(_ program: Program) {
            let instructions = program.instructions
            let count = instructions.count
            guard count > 0 else { return nil }
            var isLeader = [Bool](repeating: false, count: count + 1)
            isLeader[0] = true
            for (index, instruction) in instructions.enumerated() {
                switch instruction.instructionClass {
                case .jmp:
                    let next = index + 1
                    if instruction.jumpOperation == .ja && instruction.code == 0x05 {
                        guard UInt64(instruction.k) < UInt64(count - next) else { return nil }
                        isLeader[next + Int(instruction.k)] = true
                    } else {
                        guard Test(instruction) != nil,
                              next + Int(instruction.jt) < count, next + Int(instruction.jf) < count else { return nil }
                        isLeader[next + Int(instruction.jt)] = true
                        isLeader[next + Int(instruction.jf)] = true
                    }
                    isLeader[next] = true
                case .ret:
                    isLeader[index + 1] = true
                default:
                    continue
                }
            }
            var blockOfLeader = [Int](repeating: -1, count: count + 1)
            var blockCount = 0
            for index in 0..<count where isLeader[index] {
                blockOfLeader[index] = blockCount
                blockCount += 1
            }
            var blocks: [BasicBlock] = []
            blocks.reserveCapacity(blockCount)
            var steps: [Step] = []
            for (index, instruction) in instructions.enumerated() {
                let next = index + 1
                let exit: Exit?
                switch instruction.instructionClass {
                case .ret:
                    switch instruction.code {
                    case InstructionClass.ret.rawValue | ReturnSource.k.rawValue: exit = .returnConstant(instruction.k)
                    case InstructionClass.ret.rawValue | ReturnSource.a.rawValue: exit = .returnA
                    default: return nil
                    }
                case .jmp:
                    if let test = Test(instruction) {
                        exit = .branch(test, whenTrue: blockOfLeader[next + Int(instruction.jt)],
                                       whenFalse: blockOfLeader[next + Int(instruction.jf)])
                    } else {
                        exit = .jump(blockOfLeader[next + Int(instruction.k)])
                    }
                default:
                    guard let step = Step(instruction) else { return nil }
                    steps.append(step)
                    if next < count, isLeader[next] {
                        exit = .jump(blockOfLeader[next])
                    } else if next == count {
                        return nil  // falls off the end without a return
                    } else {
                        exit = nil
                    }
                }
                if let exit {
                    blocks.append(BasicBlock(steps: steps, exit: exit))
                    steps = []
                }
            }
            guard blocks.count == blockCount else { return nil }
            self.blocks = blocks
        }

        /// A graph made of the given blocks (entry first, edges forward).
        init(blocks: [BasicBlock]) {
            self.blocks = blocks
        }

        /// The number of predecessor edges of each block (a branch whose two
        /// targets coincide counts twice).
        var predecessorCounts: [Int] {
            var counts = [Int](repeating: 0, count: blocks.count)
            for block in blocks {
                for successor in block.exit.successors { counts[successor] += 1 }
            }
            return counts
        }

        /// Keeps only the blocks reachable from `entry` (which becomes the new
        /// entry: every block it reaches lies after it), renumbered in order.
        mutating func removeUnreachable(entry: Int = 0) {
            var reachable = [Bool](repeating: false, count: blocks.count)
            reachable[entry] = true
            for index in blocks.indices where reachable[index] {
                for successor in blocks[index].exit.successors { reachable[successor] = true }
            }
            var newIndex = [Int](repeating: -1, count: blocks.count)
            var kept: [BasicBlock] = []
            kept.reserveCapacity(blocks.count)
            for index in blocks.indices where reachable[index] {
                newIndex[index] = kept.count
                kept.append(blocks[index])
            }
            for index in kept.indices {
                kept[index].exit = kept[index].exit.retargeted { newIndex[$0] }
            }
            blocks = kept
        }

        /// The number of instructions the blocks hold before layout (steps and
        /// one instruction per exit): an estimate used to stop iterating.
        var instructionEstimate: Int {
            blocks.reduce(0) { $0 + $1.steps.count + 1 }
        }
    }
}
