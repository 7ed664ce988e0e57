import SluiceBytecode

/// A classic BPF optimizer that works on bytecode alone (the counterpart
/// of libpcap's `bpf_optimize`, but it never changes what a program returns:
/// loads that may run past the packet, division by X and scratch memory
/// keep their meaning).
///
/// The program is cut into basic blocks; a few passes, each one sweep over
/// the acyclic graph, rewrite it (value numbering with constant folding,
/// redundant loads and tests, jump threading, dead code, block merging,
/// then test fusion);
/// then the blocks are laid out again with 8-bit jump offsets (a `ja`
/// trampoline when a target is more than 255 instructions ahead). The
/// sweeps repeat a fixed small number of times at most.
public enum Optimizer {
    /// How many rounds of passes run at most; most programs settle in two.
    public static let maximumRounds = 4

    /// An equivalent program that is never larger: the same return value on
    /// every packet (and every captured length). A program the optimizer
    /// does not model (an out-of-range jump, an unknown opcode, a path
    /// that falls off the end) comes back unchanged.
    public static func optimize(_ program: Program) -> Program {
        optimize(program, passes: .all)
    }

    /// The same with only the chosen passes (re-layout always runs).
    public static func optimize(_ program: Program, passes: OptimizerPasses) -> Program {
        guard var graph = ControlFlowGraph(program) else { return program }
        graph.removeUnreachable()
        for _ in 0..<maximumRounds {
            let before = graph
            if !passes.isDisjoint(with: .forward) {
                var propagation = ValuePropagation(passes: passes)
                propagation.run(&graph)
                graph.removeUnreachable()
            }
            if passes.contains(.deadCode) { DeadCodeElimination.run(&graph) }
            if passes.contains(.blockMerging) { BlockMerging.run(&graph) }
            if graph == before { break }
        }
        // Last, once the tests have told the other passes what they know.
        if passes.contains(.testFusion), TestFusion.run(&graph) {
            if passes.contains(.deadCode) { DeadCodeElimination.run(&graph) }
            if passes.contains(.blockMerging) { BlockMerging.run(&graph) }
        }
        let result = graph.program()
        return result.count <= program.count ? result : program
    }
}
