import SluiceBytecode

/// Jump threading: an edge into a `jeq` test whose outcome the path has
/// already decided (ethertype 0x800 after 0x86dd matched) goes straight to
/// the branch it would take.
extension GraphSimplifier {
    /// Known outcomes of `key == value` on every path to a point. A fact is
    /// packed in 64 bits (key, equal, value) and the facts are kept sorted:
    /// there are few on any path, so a sorted array beats hashing, and the
    /// facts of one key sit together.
    struct PathFacts: Equatable {
        private var facts: [UInt64] = []

        private static func pack(_ key: Int32, _ value: UInt32, _ equal: Bool) -> UInt64 {
            UInt64(UInt32(bitPattern: key)) << 33 | (equal ? 1 << 32 : 0) | UInt64(value)
        }

        /// The index of the first fact not below `packed`.
        private func lowerBound(_ packed: UInt64) -> Int {
            var (low, high) = (0, facts.count)
            while low < high {
                let middle = (low + high) / 2
                if facts[middle] < packed { low = middle + 1 } else { high = middle }
            }
            return low
        }

        private func contains(_ packed: UInt64) -> Bool {
            let index = lowerBound(packed)
            return index < facts.count && facts[index] == packed
        }

        mutating func insert(_ key: Int32, _ value: UInt32, equal: Bool) {
            let packed = PathFacts.pack(key, value, equal)
            let index = lowerBound(packed)
            if index == facts.count || facts[index] != packed { facts.insert(packed, at: index) }
        }

        /// The outcome of `key == value`, if the facts decide it.
        func decide(_ key: Int32, _ value: UInt32) -> Bool? {
            if contains(PathFacts.pack(key, value, true)) { return true }
            if contains(PathFacts.pack(key, value, false)) { return false }
            // Equal to another value.
            let first = lowerBound(PathFacts.pack(key, 0, true))
            if first < facts.count, facts[first] >> 32 == PathFacts.pack(key, 0, true) >> 32 { return false }
            return nil
        }

        /// What holds on both (in place: the common facts are a prefix-order
        /// subsequence of these, so they are compacted without a new array).
        mutating func formIntersection(_ other: PathFacts) {
            guard facts != other.facts else { return }
            var (i, j, kept) = (0, 0, 0)
            while i < facts.count, j < other.facts.count {
                if facts[i] == other.facts[j] {
                    facts[kept] = facts[i]
                    kept += 1
                    i += 1
                    j += 1
                } else if facts[i] < other.facts[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
            facts.removeLast(facts.count - kept)
        }
    }

    /// What holds on entry to a block, met over its incoming edges so far.
    struct EdgeState {
        var facts = PathFacts()
        var aKey = StatementKeys.none
        var xLoad: Instruction?

        /// Adds an incoming edge's state (the first one is taken as is).
        static func meet(_ state: inout EdgeState?, _ edge: EdgeState) {
            guard state != nil else {
                state = edge
                return
            }
            // Mutated in place, so a facts array held only here is not copied.
            state!.facts.formIntersection(edge.facts)
            if state!.aKey != edge.aKey { state!.aKey = StatementKeys.none }
            if state!.xLoad != edge.xLoad { state!.xLoad = nil }
        }
    }

    /// Threads every edge; every block must be independent
    /// (`RegisterEffects.isIndependent`, checked by `simplify`).
    static func thread(_ graph: inout ControlFlowGraph, entry: Target, keys: StatementKeys) {
        sweep(from: entry, blockCount: graph.blocks.count) { id, state, incoming in
            let key = keys.after(id, state.aKey)
            switch graph[id].branch {
            case .conditional(let op, let operand, let onTrue, let onFalse):
                var trueFacts = state.facts
                // Moved out, so the false side learns in place (no copy).
                var falseFacts = state.facts
                state.facts = PathFacts()
                if op == .jeq, case .constant(let k) = operand, key != StatementKeys.none {
                    trueFacts.insert(key, k, equal: true)
                    falseFacts.insert(key, k, equal: false)
                }
                let t = follow(onTrue, trueFacts, key, graph, keys)
                let f = follow(onFalse, falseFacts, key, graph, keys)
                if t == f {
                    // Both outcomes meet: only what held before the test holds
                    // after it (fuzz finding 8, ContradictionTests). Each side
                    // added one fact the other lacks, so their meet is exactly that.
                    var before = trueFacts
                    before.formIntersection(falseFacts)
                    graph[id].branch = .always(t)
                    if case .block(let next) = t { EdgeState.meet(&incoming[next], EdgeState(facts: before, aKey: key)) }
                } else {
                    graph[id].branch = .conditional(op, operand, t, f)
                    if case .block(let next) = t { EdgeState.meet(&incoming[next], EdgeState(facts: trueFacts, aKey: key)) }
                    if case .block(let next) = f { EdgeState.meet(&incoming[next], EdgeState(facts: falseFacts, aKey: key)) }
                }
            case .always(let target):
                let t = follow(target, state.facts, key, graph, keys)
                graph[id].branch = .always(t)
                if case .block(let next) = t { EdgeState.meet(&incoming[next], EdgeState(facts: state.facts, aKey: key)) }
            }
        }
    }

    /// The block an edge may go to directly, skipping tests already decided.
    private static func follow(_ target: Target, _ facts: PathFacts, _ key: Int32,
                               _ graph: ControlFlowGraph, _ keys: StatementKeys) -> Target {
        var current = target
        for _ in 0..<64 {
            guard case .block(let id) = current else { return current }
            if case .always(let next) = graph[id].branch, graph[id].statements.isEmpty {
                current = next
                continue
            }
            guard case .conditional(.jeq, .constant(let k), let onTrue, let onFalse) = graph[id].branch else { return current }
            let blockKey = keys.after(id, key)
            guard blockKey != StatementKeys.none, let decided = facts.decide(blockKey, k) else { return current }
            let next = decided ? onTrue : onFalse
            // Skipping the block's loads is only safe if what follows reloads
            // what it needs: every block is independent here (`simplify` threads
            // only such graphs), so a next block with statements does.
            if !graph[id].statements.isEmpty, case .block(let nextID) = next, graph[nextID].statements.isEmpty {
                return current
            }
            current = next
        }
        return current
    }
}
