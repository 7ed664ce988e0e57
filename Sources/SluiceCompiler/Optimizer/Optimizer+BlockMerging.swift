extension Optimizer {
    /// Graph clean-ups that shrink the layout without looking at values:
    /// identical blocks become one (so all `ret #0` are one block, and equal
    /// tails of the graph are shared), a branch whose targets are equal becomes
    /// a jump, jumps to empty jump blocks go straight to the end of the chain,
    /// a jump to a bare return becomes a copy of it when no branch needs the
    /// block, and unreachable blocks go.
    enum BlockMerging {
        static func run(_ graph: inout ControlFlowGraph) {
            mergeIdenticalBlocks(&graph)
            let entry = shortenJumpChains(&graph)
            copyReturnsIntoJumps(&graph)
            graph.removeUnreachable(entry: entry)
        }

        /// Replaces every block by the last block equal to it. Walking from the
        /// end, a block's targets are already replaced when it is compared, so
        /// equal subgraphs collapse bottom-up. Keeping the later copy keeps
        /// every edge pointing forward.
        static func mergeIdenticalBlocks(_ graph: inout ControlFlowGraph) {
            var canonical = Array(graph.blocks.indices)
            // Blocks are found by a cheap fingerprint, then compared in full;
            // `sameFingerprint` chains the kept blocks that share one.
            var latest: [UInt64: Int] = [:]
            var sameFingerprint = [Int](repeating: -1, count: graph.blocks.count)
            for index in graph.blocks.indices.reversed() {
                var block = graph.blocks[index]
                block.exit = block.exit.retargeted { canonical[$0] }
                if case .branch(_, let t, let f) = block.exit, t == f { block.exit = .jump(t) }
                graph.blocks[index] = block
                let fingerprint = block.fingerprint
                var candidate = latest[fingerprint] ?? -1
                while candidate >= 0, graph.blocks[candidate] != block { candidate = sameFingerprint[candidate] }
                if candidate >= 0 {
                    canonical[index] = candidate
                } else {
                    sameFingerprint[index] = latest[fingerprint] ?? -1
                    latest[fingerprint] = index
                }
            }
        }

        /// Sends jumps to an empty block that only jumps on to where that block
        /// goes. Returns the new entry (the entry itself may be such a block).
        static func shortenJumpChains(_ graph: inout ControlFlowGraph) -> Int {
            var resolved = Array(graph.blocks.indices)
            for index in graph.blocks.indices.reversed() {
                let block = graph.blocks[index]
                if block.steps.isEmpty, case .jump(let target) = block.exit { resolved[index] = resolved[target] }
            }
            for index in graph.blocks.indices {
                var exit = graph.blocks[index].exit.retargeted { resolved[$0] }
                if case .branch(_, let t, let f) = exit, t == f { exit = .jump(t) }
                graph.blocks[index].exit = exit
            }
            return resolved[0]
        }

        /// A jump to a bare return costs as much as the return itself; when no
        /// branch targets that block, copying the return lets the block go.
        static func copyReturnsIntoJumps(_ graph: inout ControlFlowGraph) {
            var branchedTo = [Bool](repeating: false, count: graph.blocks.count)
            for block in graph.blocks {
                if case .branch(_, let t, let f) = block.exit { branchedTo[t] = true; branchedTo[f] = true }
            }
            for index in graph.blocks.indices {
                guard case .jump(let target) = graph.blocks[index].exit, !branchedTo[target],
                      graph.isBareReturn(target) else { continue }
                graph.blocks[index].exit = graph.blocks[target].exit
            }
        }
    }
}
