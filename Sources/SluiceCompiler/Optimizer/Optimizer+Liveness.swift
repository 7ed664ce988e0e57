extension Optimizer {
    /// Which registers each block may read before writing them (backward
    /// liveness over the acyclic graph: one sweep from the last block).
    struct Liveness {
        /// The registers live at each block's entry.
        private(set) var liveIn: [RegisterSet]

        init(_ graph: ControlFlowGraph) {
            liveIn = [RegisterSet](repeating: [], count: graph.blocks.count)
            for index in graph.blocks.indices.reversed() {
                let block = graph.blocks[index]
                var live = Liveness.liveOut(block.exit, liveIn: liveIn)
                for step in block.steps.reversed() {
                    live.subtract(step.defines)
                    live.formUnion(step.uses)
                }
                liveIn[index] = live
            }
        }

        /// The registers live just before an exit, given the successors' live-in sets.
        static func liveOut(_ exit: Exit, liveIn: [RegisterSet]) -> RegisterSet {
            var live = exit.uses
            for successor in exit.successors { live.formUnion(liveIn[successor]) }
            return live
        }
    }
}
