import SluiceBytecode

/// Cheap, always-correct improvements on the control-flow graph before
/// linearisation: jump threading over `jeq` tests whose outcome is known
/// on the path (testing ethertype 0x800 after 0x86dd matched), and removal
/// of loads whose value is already in A or X on every incoming path.
/// The optimizer (`Optimizer.optimize`) does the heavier work on the cBPF.
///
/// Every pass is one sweep over the blocks in decreasing number (edges go
/// from higher to lower numbers), with per-block state in arrays, so the
/// cost grows linearly with the graph.
struct GraphSimplifier {
    /// Simplifies the graph in place; returns the (possibly new) entry.
    static func simplify(_ graph: inout ControlFlowGraph, entry: Target) -> Target {
        var entry = collapse(&graph, entry: entry)
        // Register-dependent blocks (protocol chains, tunnels) are left alone by threading.
        let allIndependent = graph.blocks.allSatisfy { block in
            RegisterEffects(block.statements, jumpReadsX: block.readsXInJump).isIndependent
        }
        // Only branches change until removeRedundantLoads, so the keys hold throughout.
        let keys = StatementKeys(graph)
        if allIndependent {
            thread(&graph, entry: entry, keys: keys)
            entry = collapse(&graph, entry: entry)
        }
        removeRedundantLoads(&graph, entry: entry, keys: keys)
        return entry
    }

    /// Bypasses blocks whose outcome does not depend on their test: both
    /// branches lead to the same place and the statements only load, and
    /// those loads cannot fail (every path to the block already read that
    /// far), so a frame cut short gets the verdict of the code as written.
    private static func collapse(_ graph: inout ControlFlowGraph, entry: Target) -> Target {
        let captured = capturedOnEntry(graph, entry: entry)
        var replacement = [Target?](repeating: nil, count: graph.blocks.count)
        func resolve(_ target: Target) -> Target {
            if case .block(let id) = target, let other = replacement[id] { return other }
            return target
        }
        for id in graph.blocks.indices {
            switch graph[id].branch {
            case .conditional(let op, let operand, let t, let f):
                let (rt, rf) = (resolve(t), resolve(f))
                graph[id].branch = rt == rf ? .always(rt) : .conditional(op, operand, rt, rf)
            case .always(let t):
                graph[id].branch = .always(resolve(t))
            }
            guard case .always(let target) = graph[id].branch, RegisterEffects(graph[id].statements).isKeyable,
                  !captured[id].mayFail(graph[id].statements) else { continue }
            switch target {
            case .accept, .reject:
                replacement[id] = target
            case .block(let next):
                if graph[id].statements.isEmpty
                    || (!graph[next].statements.isEmpty
                        && RegisterEffects(graph[next].statements, jumpReadsX: graph[next].readsXInJump).isIndependent) {
                    replacement[id] = target
                }
            }
        }
        return resolve(entry)
    }

    /// The bytes proven captured on entry to each block, on every path
    /// from `entry` (nothing for unreachable blocks). Edges go from higher
    /// to lower block numbers, so one sweep downwards sees every
    /// predecessor first.
    private static func capturedOnEntry(_ graph: ControlFlowGraph, entry: Target) -> [CapturedBytes] {
        var onEntry = [CapturedBytes?](repeating: nil, count: graph.blocks.count)
        guard case .block(let entryID) = entry else { return onEntry.map { _ in CapturedBytes() } }
        onEntry[entryID] = CapturedBytes()
        for id in stride(from: entryID, through: 0, by: -1) {
            guard let known = onEntry[id] else { continue }
            let after = known.after(graph[id].statements)
            graph[id].branch.forEachBlock { next in
                onEntry[next] = onEntry[next].map { CapturedBytes(count: min($0.count, after.count)) } ?? after
            }
        }
        return onEntry.map { $0 ?? CapturedBytes() }
    }

    /// The sweep `thread` and `removeRedundantLoads` make: each block
    /// reachable from `entry`, in decreasing number (so after every
    /// predecessor), with the meet of the states its incoming edges carried.
    /// `visit` may consume the state and adds its out-edges to `incoming`
    /// with `EdgeState.meet`.
    static func sweep(from entry: Target, blockCount: Int,
                      _ visit: (_ id: Int, _ state: inout EdgeState, _ incoming: inout [EdgeState?]) -> Void) {
        guard case .block(let entryID) = entry else { return }
        var incoming = [EdgeState?](repeating: nil, count: blockCount)
        incoming[entryID] = EdgeState()
        for id in stride(from: entryID, through: 0, by: -1) {
            guard var state = incoming[id] else { continue }
            incoming[id] = nil  // the state is held only here now
            visit(id, &state, &incoming)
        }
    }

    private static func removeRedundantLoads(_ graph: inout ControlFlowGraph, entry: Target, keys: StatementKeys) {
        sweep(from: entry, blockCount: graph.blocks.count) { id, state, incoming in
            let effects = RegisterEffects(graph[id].statements)
            let key = keys.after(id, state.aKey)
            var xLoad = state.xLoad
            if effects.writesX { xLoad = effects.lastXLoad }
            if !graph[id].statements.isEmpty, key != StatementKeys.none, key == state.aKey {
                graph[id].statements = []
            } else if let first = graph[id].statements.first, first.instructionClass == .ldx, first.addressMode != .mem,
                      first == state.xLoad {
                graph[id].statements.removeFirst()
            }
            let edge = EdgeState(aKey: key, xLoad: xLoad)
            graph[id].branch.forEachBlock { next in EdgeState.meet(&incoming[next], edge) }
        }
    }
}

extension Block {
    /// True when the jump compares against X.
    var readsXInJump: Bool {
        if case .conditional(_, .x, _, _) = branch { return true }
        return false
    }
}

extension Branch {
    /// Calls `body` with each block the branch goes to, once per block.
    func forEachBlock(_ body: (Int) -> Void) {
        switch self {
        case .conditional(_, _, let t, let f):
            if case .block(let id) = t { body(id) }
            if case .block(let id) = f, f != t { body(id) }
        case .always(let t):
            if case .block(let id) = t { body(id) }
        }
    }
}
