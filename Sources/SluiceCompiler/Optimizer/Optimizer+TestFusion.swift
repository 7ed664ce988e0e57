import SluiceBytecode

extension Optimizer {
    /// Folds two tests of packet fields that lie within four bytes, where
    /// the second is tried only when the first held and both fail to the
    /// same block, into one masked test of a 32-bit word
    /// (`ldb [16]; and #7; jeq #2` then `ldh [17]; jeq #0xfcca` becomes
    /// `ld [15]; and #0x7ffff; jeq #0x2fcca`), as libpcap does for DECnet
    /// addresses. The word may reach further than the narrow loads; that
    /// is done only where every path on to a nonzero return loads at least
    /// that far anyway (`AcceptNeed`), so a packet the wider load stops
    /// would have returned 0.
    enum TestFusion {
        /// One side of a fused test: `ld size [offset]`, `and #mask`,
        /// `jeq #value`.
        struct FieldTest {
            var size: LoadSize
            var offset: UInt32
            var mask: UInt32
            var value: UInt32

            var end: UInt32 { offset + UInt32(size.byteCount) }

            /// Reads the test from a block's last steps (`ld`, optionally
            /// `and #m`) and its `jeq #v`; `start` is where the `ld` is.
            init?(_ block: BasicBlock) {
                guard case .branch(let test, _, _) = block.exit, test.operation == .jeq,
                      case .constant(let value) = test.operand else { return nil }
                var steps = block.steps[...]
                var mask = UInt32.max
                if case .alu(.and, .constant(let m))? = steps.last {
                    mask = m
                    steps = steps.dropLast()
                }
                guard case .load(.a, .packet(let size, let offset))? = steps.last,
                      offset < 0x7fff_0000 else { return nil }
                let width = UInt32(size.byteCount) * 8
                let fieldMask = width == 32 ? UInt32.max : (1 << width) - 1
                self.size = size
                self.offset = offset
                self.mask = mask & fieldMask
                self.value = value
                guard value & ~self.mask == 0 else { return nil }  // never true: left to the other passes
            }

            /// The number of steps the test takes in its block.
            static func stepCount(_ block: BasicBlock) -> Int {
                if case .alu(.and, .constant)? = block.steps.last { return 2 }
                return 1
            }
        }

        static func run(_ graph: inout ControlFlowGraph) -> Bool {
            let needIn = AcceptNeed.atEntries(graph)
            let liveness = Liveness(graph)
            var predecessors = graph.predecessorCounts
            var changed = false
            for index in graph.blocks.indices {
                while let (fused, whenTrue, whenFalse) = fusion(at: index, graph, needIn: needIn,
                                                                liveness: liveness, predecessors: predecessors) {
                    guard case .branch(_, let second, _) = graph.blocks[index].exit else { break }
                    var block = graph.blocks[index]
                    block.steps.removeLast(FieldTest.stepCount(block))
                    block.steps.append(.load(.a, .packet(.word, fused.offset)))
                    if fused.mask != .max { block.steps.append(.alu(.and, .constant(fused.mask))) }
                    block.exit = .branch(Test(operation: .jeq, operand: .constant(fused.value)),
                                         whenTrue: whenTrue, whenFalse: whenFalse)
                    graph.blocks[index] = block
                    predecessors[second] -= 1
                    predecessors[whenFalse] -= 1
                    changed = true
                }
            }
            if changed { graph.removeUnreachable() }
            return changed
        }

        /// The word test that replaces the test ending block `index` and the
        /// test in its true successor, with the targets, when they fuse.
        static func fusion(at index: Int, _ graph: ControlFlowGraph, needIn: [UInt32], liveness: Liveness,
                           predecessors: [Int]) -> (FieldTest, Int, Int)? {
            let block = graph.blocks[index]
            guard case .branch(_, let second, let whenFalse) = block.exit, second != whenFalse,
                  predecessors[second] == 1,
                  case .branch(_, let whenTrue, whenFalse) = graph.blocks[second].exit, whenTrue != whenFalse,
                  graph.blocks[second].steps.count == FieldTest.stepCount(graph.blocks[second]),
                  let first = FieldTest(block), let next = FieldTest(graph.blocks[second]),
                  !liveness.liveIn[whenTrue].contains(.a), !liveness.liveIn[whenFalse].contains(.a)
            else { return nil }
            let end = max(first.end, next.end)
            guard end >= 4, end - 4 <= min(first.offset, next.offset) else { return nil }
            // The need where the first load is: it loads `first.end`, and
            // then either fails to `whenFalse` or goes on to the second test.
            let afterSecond = max(next.end, min(needIn[whenTrue], needIn[whenFalse]))
            guard max(first.end, min(afterSecond, needIn[whenFalse])) >= end else { return nil }
            let firstShift = 8 * (end - first.end), nextShift = 8 * (end - next.end)
            let (m1, v1) = (first.mask << firstShift, first.value << firstShift)
            let (m2, v2) = (next.mask << nextShift, next.value << nextShift)
            guard (v1 ^ v2) & m1 & m2 == 0 else { return nil }
            return (FieldTest(size: .word, offset: end - 4, mask: m1 | m2, value: v1 | v2), whenTrue, whenFalse)
        }
    }
}

extension Optimizer.TestFusion.FieldTest {
    init(size: LoadSize, offset: UInt32, mask: UInt32, value: UInt32) {
        self.size = size
        self.offset = offset
        self.mask = mask
        self.value = value
    }
}
