import SluiceBytecode

extension Optimizer {
    /// Removes steps whose results are never read and that cannot end the
    /// program: loads that might run past the captured bytes, division by X
    /// (which may be 0) and opaque ancillary loads stay, because removing them
    /// would change what the program returns on some packet. A constant-offset
    /// load goes all the same when every path on to a nonzero return loads at
    /// least as far (`AcceptNeed`, counted over the steps kept): a packet it
    /// would stop returns 0 either way.
    enum DeadCodeElimination {
        static func run(_ graph: inout ControlFlowGraph) {
            let mayEnd = stepsThatMayEndTheProgram(graph)
            var liveIn = [RegisterSet](repeating: [], count: graph.blocks.count)
            var needIn = [UInt32](repeating: 0, count: graph.blocks.count)
            for index in graph.blocks.indices.reversed() {
                let exit = graph.blocks[index].exit
                var live = Liveness.liveOut(exit, liveIn: liveIn)
                var need = AcceptNeed.atExit(exit, needIn: needIn)
                var kept: [Step] = []
                let steps = graph.blocks[index].steps
                for position in steps.indices.reversed() {
                    let step = steps[position]
                    let extent = AcceptNeed.extent(of: step)
                    let mayChangeResult = mayEnd[index][position] && (extent == 0 || extent > need)
                    guard mayChangeResult || step.isOpaque || !step.defines.isDisjoint(with: live) else { continue }
                    live.subtract(step.defines)
                    live.formUnion(step.uses)
                    need = max(need, extent)
                    kept.append(step)
                }
                graph.blocks[index].steps = kept.reversed()
                liveIn[index] = live
                needIn[index] = need
            }
        }

        /// For each step, whether it may end the program (a load that can fail
        /// or a division by X). A forward sweep keeps, per block, the length
        /// the captured packet is known to reach: a load below it cannot fail.
        static func stepsThatMayEndTheProgram(_ graph: ControlFlowGraph) -> [[Bool]] {
            var boundIn = [UInt32?](repeating: nil, count: graph.blocks.count)
            boundIn[0] = 0
            var result: [[Bool]] = []
            result.reserveCapacity(graph.blocks.count)
            for block in graph.blocks.indices {
                var bound = boundIn[block] ?? 0
                var flags: [Bool] = []
                flags.reserveCapacity(graph.blocks[block].steps.count)
                for step in graph.blocks[block].steps {
                    switch step {
                    case .load(_, .packet(let size, let k)):
                        flags.append(!PacketBound.fits(size.byteCount, at: k, below: bound))
                        bound = PacketBound.extend(bound, size.byteCount, at: k)
                    case .load(_, .headerLength(let k)):
                        flags.append(!PacketBound.fits(1, at: k, below: bound))
                        bound = PacketBound.extend(bound, 1, at: k)
                    case .load(_, .indirect):
                        flags.append(true)
                    case .alu(.div, .x), .alu(.mod, .x):
                        flags.append(true)
                    default:
                        flags.append(false)
                    }
                }
                result.append(flags)
                for successor in graph.blocks[block].exit.successors {
                    boundIn[successor] = min(boundIn[successor] ?? bound, bound)
                }
            }
            return result
        }
    }
}
