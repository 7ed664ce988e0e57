import SluiceBytecode

// Linux's classic checker (`check_load_and_stores`) tracks which scratch
// words are written with one pass over the instructions, and does not reset
// its state after a `ret`: the instruction after a return inherits what was
// written on the paths to that return. A layout that puts a return reached
// without a store right before a block that reads the word is refused, even
// though no path reads it unwritten (fuzz finding 5, docs/fuzzing.md). The
// layout avoids that order where it can; where it cannot, it is encoded
// again with guards.

extension Optimizer.ControlFlowGraph {
    /// Encodes `order`; when Linux would refuse the result's scratch reads
    /// for the reason above, encodes it again with guards.
    func encodeForLinux(_ order: [Int]) -> Program {
        let program = encode(order)
        if Optimizer.ScratchCheck.passes(program) { return program }
        return encode(order, guards: scratchGuards(order))
    }

    /// The scratch words written on every path to the end of `block`, given
    /// those written on every path into it.
    func scratchWritten(after block: Int, entry: UInt16) -> UInt16 {
        var written = entry
        for step in blocks[block].steps {
            if case .store(_, let index) = step { written |= 1 << UInt16(index) }
        }
        return written
    }

    /// For each block of `order`, whether it ends in a return that is laid
    /// out right before a block some of whose incoming scratch words the
    /// return's paths did not write. An unreachable `ja` after such a return
    /// gives Linux's pass a fresh state for the next block, which then holds
    /// exactly what is written on every path into it (by induction over the
    /// layout, since jumps to returns are not copied in that mode).
    func scratchGuards(_ order: [Int]) -> [Bool] {
        var entry = [UInt16](repeating: .max, count: blocks.count)
        var exit = entry
        if let first = order.first { entry[first] = 0 }
        for block in order {
            exit[block] = scratchWritten(after: block, entry: entry[block])
            for successor in blocks[block].exit.successors { entry[successor] &= exit[block] }
        }
        var guards = [Bool](repeating: false, count: blocks.count)
        for (position, block) in order.enumerated() where position + 1 < order.count && blocks[block].exit.isReturn {
            guards[block] = entry[order[position + 1]] & ~exit[block] != 0
        }
        return guards
    }
}

extension Optimizer {
    /// Linux's scratch-memory check (`check_load_and_stores`), run on the
    /// optimizer's own output.
    enum ScratchCheck {
        /// True when Linux accepts every scratch read of `program`.
        static func passes(_ program: Program) -> Bool {
            let instructions = program.instructions
            var masks = [UInt16](repeating: .max, count: instructions.count)
            var valid: UInt16 = 0
            for (pc, instruction) in instructions.enumerated() {
                valid &= masks[pc]
                let index = UInt16(instruction.k & 15)
                switch instruction.instructionClass {
                case .st, .stx:
                    valid |= 1 << index
                case .ld, .ldx:
                    if instruction.addressMode == .mem, valid & (1 << index) == 0 { return false }
                case .jmp:
                    let next = pc + 1
                    let targets = instruction.jumpOperation == .ja
                        ? [next + Int(instruction.k)] : [next + Int(instruction.jt), next + Int(instruction.jf)]
                    for target in targets where target < instructions.count { masks[target] &= valid }
                    valid = .max
                default:
                    break
                }
            }
            return true
        }
    }
}
