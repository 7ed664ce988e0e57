import SluiceBytecode

/// Cheap, always-correct improvements on the control-flow graph before
/// linearisation: jump threading over `jeq` tests whose outcome is known
/// on the path (testing ethertype 0x800 after 0x86dd matched), and removal
/// of loads whose value is already in A or X on every incoming path.
/// The optimizer (`Optimizer.optimize`) does the heavier work on the cBPF.
struct GraphSimplifier {
    /// A known outcome of `key == value` on a path.
    private struct Fact: Hashable {
        var key: [Instruction]
        var value: UInt32
        var equal: Bool
    }

    /// What holds on entry to a block, from one incoming edge.
    private struct EdgeState {
        var facts: Set<Fact>
        var aKey: [Instruction]?
        var xLoad: Instruction?
    }

    /// Simplifies the graph in place; returns the (possibly new) entry.
    static func simplify(_ graph: inout ControlFlowGraph, entry: Target) -> Target {
        var entry = collapse(&graph, entry: entry)
        // Register-dependent blocks (protocol chains, tunnels) are left alone by threading.
        let allIndependent = graph.blocks.allSatisfy { block in
            RegisterEffects(block.statements, jumpReadsX: block.readsXInJump).isIndependent
        }
        if allIndependent {
            thread(&graph, entry: entry)
            entry = collapse(&graph, entry: entry)
        }
        removeRedundantLoads(&graph, entry: entry)
        return entry
    }

    /// Bypasses blocks whose outcome does not depend on their test: both
    /// branches lead to the same place and the statements only load, and
    /// those loads cannot fail (every path to the block already read that
    /// far), so a frame cut short gets the verdict of the code as written.
    private static func collapse(_ graph: inout ControlFlowGraph, entry: Target) -> Target {
        let captured = capturedOnEntry(graph, entry: entry)
        var replacement: [Int: Target] = [:]
        func resolve(_ target: Target) -> Target {
            if case .block(let id) = target, let other = replacement[id] { return other }
            return target
        }
        for id in graph.blocks.indices {
            var block = graph[id]
            switch block.branch {
            case .conditional(let op, let operand, let t, let f):
                let (rt, rf) = (resolve(t), resolve(f))
                block.branch = rt == rf ? .always(rt) : .conditional(op, operand, rt, rf)
            case .always(let t):
                block.branch = .always(resolve(t))
            }
            graph[id] = block
            guard case .always(let target) = block.branch, RegisterEffects(block.statements).isKeyable,
                  !captured[id].mayFail(block.statements) else { continue }
            switch target {
            case .accept, .reject:
                replacement[id] = target
            case .block(let next):
                let nextBlock = graph[next]
                if block.statements.isEmpty
                    || (!nextBlock.statements.isEmpty
                        && RegisterEffects(nextBlock.statements, jumpReadsX: nextBlock.readsXInJump).isIndependent) {
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
            let block = graph[id]
            let after = known.after(block.statements)
            for case .block(let next) in block.branch.targets {
                onEntry[next] = onEntry[next].map { CapturedBytes(count: min($0.count, after.count)) } ?? after
            }
        }
        return onEntry.map { $0 ?? CapturedBytes() }
    }

    private static func meet(_ states: [EdgeState]) -> EdgeState {
        guard var result = states.first else { return EdgeState(facts: [], aKey: nil, xLoad: nil) }
        for state in states.dropFirst() {
            result.facts.formIntersection(state.facts)
            if result.aKey != state.aKey { result.aKey = nil }
            if result.xLoad != state.xLoad { result.xLoad = nil }
        }
        return result
    }

    private static func keyAfter(_ block: Block, _ keyIn: [Instruction]?) -> [Instruction]? {
        if block.statements.isEmpty { return keyIn }
        return RegisterEffects(block.statements).isKeyable ? block.statements : nil
    }

    private static func thread(_ graph: inout ControlFlowGraph, entry: Target) {
        guard case .block(let entryID) = entry else { return }
        var incoming: [Int: [EdgeState]] = [entryID: [EdgeState(facts: [], aKey: nil, xLoad: nil)]]
        for id in stride(from: entryID, through: 0, by: -1) {
            guard let states = incoming[id] else { continue }
            let state = meet(states)
            var block = graph[id]
            let key = keyAfter(block, state.aKey)
            switch block.branch {
            case .conditional(let op, let operand, let onTrue, let onFalse):
                var trueFacts = state.facts
                var falseFacts = state.facts
                if op == .jeq, case .constant(let k) = operand, let key {
                    trueFacts.insert(Fact(key: key, value: k, equal: true))
                    falseFacts.insert(Fact(key: key, value: k, equal: false))
                }
                let t = follow(onTrue, trueFacts, key, graph)
                let f = follow(onFalse, falseFacts, key, graph)
                block.branch = t == f ? .always(t) : .conditional(op, operand, t, f)
                if case .block(let next) = t { incoming[next, default: []].append(EdgeState(facts: trueFacts, aKey: key, xLoad: nil)) }
                if case .block(let next) = f, f != t {
                    incoming[next, default: []].append(EdgeState(facts: falseFacts, aKey: key, xLoad: nil))
                }
            case .always(let target):
                let t = follow(target, state.facts, key, graph)
                block.branch = .always(t)
                if case .block(let next) = t { incoming[next, default: []].append(EdgeState(facts: state.facts, aKey: key, xLoad: nil)) }
            }
            graph[id] = block
        }
    }

    /// The block an edge may go to directly, skipping tests already decided.
    private static func follow(_ target: Target, _ facts: Set<Fact>, _ key: [Instruction]?, _ graph: ControlFlowGraph) -> Target {
        var current = target
        for _ in 0..<64 {
            guard case .block(let id) = current else { return current }
            let block = graph[id]
            if case .always(let next) = block.branch, block.statements.isEmpty {
                current = next
                continue
            }
            guard case .conditional(.jeq, .constant(let k), let onTrue, let onFalse) = block.branch,
                  let blockKey = keyAfter(block, key) else { return current }
            let decided: Bool
            if facts.contains(Fact(key: blockKey, value: k, equal: true)) {
                decided = true
            } else if facts.contains(Fact(key: blockKey, value: k, equal: false)) {
                decided = false
            } else if facts.contains(where: { $0.key == blockKey && $0.equal }) {
                decided = false
            } else {
                return current
            }
            let next = decided ? onTrue : onFalse
            // Skipping the block's loads is only safe if what follows reloads what it needs.
            if !block.statements.isEmpty, case .block(let nextID) = next {
                let nextBlock = graph[nextID]
                guard !nextBlock.statements.isEmpty,
                      RegisterEffects(nextBlock.statements, jumpReadsX: nextBlock.readsXInJump).isIndependent
                else { return current }
            }
            current = next
        }
        return current
    }

    private static func removeRedundantLoads(_ graph: inout ControlFlowGraph, entry: Target) {
        guard case .block(let entryID) = entry else { return }
        var incoming: [Int: [EdgeState]] = [entryID: [EdgeState(facts: [], aKey: nil, xLoad: nil)]]
        for id in stride(from: entryID, through: 0, by: -1) {
            guard let states = incoming[id] else { continue }
            let state = meet(states)
            var block = graph[id]
            let original = block.statements
            let effects = RegisterEffects(original)
            let key = keyAfter(block, state.aKey)
            var xLoad = state.xLoad
            if effects.writesX { xLoad = effects.lastXLoad }
            if !original.isEmpty, effects.isKeyable, original == state.aKey {
                block.statements = []
            } else if let first = original.first, first.instructionClass == .ldx, first.addressMode != .mem,
                      first == state.xLoad {
                block.statements.removeFirst()
            }
            graph[id] = block
            for target in Set(block.branch.targets) {
                if case .block(let next) = target {
                    incoming[next, default: []].append(EdgeState(facts: [], aKey: key, xLoad: xLoad))
                }
            }
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
