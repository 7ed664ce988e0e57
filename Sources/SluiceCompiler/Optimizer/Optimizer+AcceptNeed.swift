import SluiceBytecode

extension Optimizer {
    /// How many captured bytes every path from a point to a nonzero return
    /// is sure to load: the smallest, over those paths, of the largest
    /// extent of the constant-offset loads on it (`ret #0` paths do not
    /// count). A packet shorter than that returns 0 from that point
    /// whatever it holds (a load past its end ends the program with 0),
    /// so an extra or dropped load whose extent is at most that changes no
    /// result. This is how libpcap may fold two tests into one wider load
    /// and still return what the narrow loads return.
    enum AcceptNeed {
        /// No nonzero return is reachable.
        static let unbounded = UInt32.max

        /// The bytes a step is sure to load (0 for any other step, and for
        /// loads whose offset is not constant).
        static func extent(of step: Step) -> UInt32 {
            switch step {
            case .load(_, .packet(let size, let k)) where k < 0x8000_0000: k + UInt32(size.byteCount)
            case .load(_, .headerLength(let k)) where k < 0x8000_0000: k + 1
            default: 0
            }
        }

        /// The need just before an exit, given the need at each block's entry.
        static func atExit(_ exit: Exit, needIn: [UInt32]) -> UInt32 {
            switch exit {
            case .returnConstant(let k): k == 0 ? unbounded : 0
            case .returnA: 0
            case .jump(let target): needIn[target]
            case .branch(_, let t, let f): min(needIn[t], needIn[f])
            }
        }

        /// The need at each block's entry (one backward sweep).
        static func atEntries(_ graph: ControlFlowGraph) -> [UInt32] {
            var needIn = [UInt32](repeating: 0, count: graph.blocks.count)
            for index in graph.blocks.indices.reversed() {
                var need = atExit(graph.blocks[index].exit, needIn: needIn)
                for step in graph.blocks[index].steps { need = max(need, extent(of: step)) }
                needIn[index] = need
            }
            return needIn
        }
    }
}
