import SluiceBytecode

extension Optimizer {
    /// The forward pass: value numbering over the whole graph in one sweep (the
    /// graph is acyclic and kept in topological order). Along the way it
    /// folds constants, drops loads and stores of values already in place,
    /// decides tests the path has already decided, and threads jumps past
    /// blocks whose outcome is known on the incoming edge.
    struct ValuePropagation {
        // The chosen passes, read once (they are consulted for every step).
        let folding: Bool
        let dropping: Bool
        let deciding: Bool
        let threading: Bool
        var table = ValueTable()

        /// How many blocks one edge may be threaded past, to bound the work.
        static let threadingLimit = 32

        init(passes: OptimizerPasses) {
            folding = passes.contains(.constantFolding)
            dropping = passes.contains(.redundantLoads)
            deciding = passes.contains(.redundantTests)
            threading = passes.contains(.jumpThreading)
        }

        mutating func run(_ graph: inout ControlFlowGraph) {
            let liveness = Liveness(graph)
            var incoming = [[AbstractState]](repeating: [], count: graph.blocks.count)
            incoming[0] = [AbstractState(table: &table)]
            for index in graph.blocks.indices where !incoming[index].isEmpty {
                var state = AbstractState.merge(incoming[index], table: &table)
                incoming[index] = []
                let original = graph.blocks[index].steps
                let xLiveAfter = ValuePropagation.xLiveAfterEachStep(graph.blocks[index], liveness: liveness)
                var steps: [Step] = []
                steps.reserveCapacity(original.count)
                for (position, step) in original.enumerated() {
                    transfer(step, &state, into: &steps, xLiveAfter: xLiveAfter[position])
                    if folding { ValuePropagation.combineConstantAdditions(&steps) }
                }
                graph.blocks[index].steps = steps
                let exit = rewrite(graph.blocks[index].exit, state)
                switch exit {
                case .returnConstant, .returnA:
                    graph.blocks[index].exit = exit
                case .jump(let target):
                    let (end, edgeState) = thread(target, state, graph: graph, liveness: liveness)
                    graph.blocks[index].exit = .jump(end)
                    incoming[end].append(edgeState)
                case .branch(let test, let whenTrue, let whenFalse):
                    if let outcome = decide(test, state) {
                        let (end, edgeState) = thread(outcome ? whenTrue : whenFalse, state, graph: graph, liveness: liveness)
                        graph.blocks[index].exit = .jump(end)
                        incoming[end].append(edgeState)
                    } else {
                        let (trueEnd, trueState) = thread(whenTrue, assuming(test, true, state), graph: graph, liveness: liveness)
                        let (falseEnd, falseState) = thread(whenFalse, assuming(test, false, state), graph: graph, liveness: liveness)
                        graph.blocks[index].exit = .branch(test, whenTrue: trueEnd, whenFalse: falseEnd)
                        incoming[trueEnd].append(trueState)
                        incoming[falseEnd].append(falseState)
                    }
                }
            }
        }

        // MARK: Steps

        /// Applies one step to the state and appends the steps to emit in
        /// its place to `emitted` (none when it is redundant). Returns whether
        /// it has an effect beyond its result (it may end the program, or it
        /// is opaque).
        @discardableResult
        mutating func transfer(_ step: Step, _ state: inout AbstractState, into emitted: inout [Step],
                               xLiveAfter: Bool = true) -> Bool {
            if folding, !xLiveAfter, case .load(.a, .indirect(let size, let k)) = step,
               let (base, offset) = table.offsetForm(state.x), let reload = rematerialize(base, state) {
                // `ld [x + k]` with X = v + c: reload v into X and fold c into k,
                // so the instructions that computed v + c can become dead.
                transfer(reload, &state, into: &emitted)
                return transfer(.load(.a, .indirect(size, offset &+ k)), &state, into: &emitted)
            }
            switch step {
            case .load(let register, let source):
                let (value, effect, simplified) = evaluate(source, state)
                switch simplified {
                case .packet(let size, let k): state.loaded(size.byteCount, at: k)
                case .headerLength(let k): state.loaded(1, at: k)
                default: break
                }
                defer { state[register] = value }
                if !effect, dropping, state[register] == value { return false }
                if !effect, folding, let constant = table.constantValue(value) {
                    emitted.append(.load(register, .constant(constant)))
                    return false
                }
                emitted.append(.load(register, simplified))
                return effect
            case .store(let register, let index):
                defer { state.memory[index] = state[register] }
                if dropping, state.memory[index] == state[register] { return false }
                emitted.append(step)
                return false
            case .alu(let op, let operand):
                var operandEmitted = operand
                let right: ValueNumber
                switch operand {
                case .constant(let k):
                    right = table.constant(k)
                case .x:
                    right = state.x
                    if folding, let k = table.constantValue(state.x), !ValuePropagation.keepsRegisterOperand(op, k) {
                        operandEmitted = .constant(k)
                    }
                }
                let value = table.alu(op, state.a, right)
                let effect = (op == .div || op == .mod) && operandEmitted == .x
                    && state.knowledge(of: state.x, table: table).decide(.jeq, 0) != false
                defer { state.a = value }
                if !effect, dropping, state.a == value { return false }
                if !effect, folding, let constant = table.constantValue(value) {
                    emitted.append(.load(.a, .constant(constant)))
                    return false
                }
                emitted.append(.alu(op, operandEmitted))
                return effect
            case .transfer(to: let register):
                let value = state[register == .a ? .x : .a]
                defer { state[register] = value }
                if dropping, state[register] == value { return false }
                if folding, let constant = table.constantValue(value) {
                    emitted.append(.load(register, .constant(constant)))
                    return false
                }
                emitted.append(step)
                return false
            }
        }

        /// `add #a` right after `add #b` (or `sub`) is one `add #(a + b)`:
        /// nothing reads A in between (`txa; add #22; add #8; add #12`
        /// from tunnel code becomes `txa; add #42`).
        static func combineConstantAdditions(_ steps: inout [Step]) {
            func addend(_ step: Step) -> UInt32? {
                switch step {
                case .alu(.add, .constant(let k)): k
                case .alu(.sub, .constant(let k)): 0 &- k
                default: nil
                }
            }
            guard steps.count >= 2, let last = addend(steps[steps.count - 1]),
                  let previous = addend(steps[steps.count - 2]) else { return }
            steps.removeLast(2)
            let sum = previous &+ last
            if sum != 0 { steps.append(.alu(.add, .constant(sum))) }
        }

        /// A step that loads `value` into X without any chance of failing, if
        /// there is one (from a scratch word, or an IPv4 header length already
        /// read once).
        func rematerialize(_ value: ValueNumber, _ state: AbstractState) -> Step? {
            if let index = state.memory.firstIndex(of: value) { return .load(.x, .memory(index)) }
            switch table.key(of: value) {
            case .headerLength(let k) where state.canLoad(1, at: k): return .load(.x, .headerLength(k))
            case .length: return .load(.x, .length)
            default: return nil
            }
        }

        /// For each step of a block, whether X is read after it before being written.
        static func xLiveAfterEachStep(_ block: BasicBlock, liveness: Liveness) -> [Bool] {
            var live = Liveness.liveOut(block.exit, liveIn: liveness.liveIn)
            var result = [Bool](repeating: true, count: block.steps.count)
            for position in block.steps.indices.reversed() {
                result[position] = live.contains(.x)
                live.subtract(block.steps[position].defines)
                live.formUnion(block.steps[position].uses)
            }
            return result
        }

        /// A constant X operand stays an X operand when the constant form would
        /// mean something else to the verifier (division by 0, shifts of 32 or more).
        static func keepsRegisterOperand(_ op: ALUOperation, _ k: UInt32) -> Bool {
            switch op {
            case .div, .mod: k == 0
            case .lsh, .rsh: k >= 32
            default: false
            }
        }

        /// The value a load produces, whether it may fail (or is opaque), and
        /// a simpler equivalent source (an indirect load at a known X becomes
        /// an absolute one). Notes a successful packet load in the state.
        mutating func evaluate(_ source: Source, _ state: AbstractState) -> (ValueNumber, Bool, Source) {
            switch source {
            case .constant(let k):
                return (table.constant(k), false, source)
            case .packet(let size, let k):
                let value = table.number(.packet(size, k))
                return (value, !(state.canLoad(size.byteCount, at: k) || state.holds(value)), source)
            case .indirect(let size, let k):
                if folding, let x = table.constantValue(state.x) {
                    let (offset, overflow) = x.addingReportingOverflow(k)
                    if !overflow, offset < 0x8000_0000 { return evaluate(.packet(size, offset), state) }
                }
                let value = table.offsetForm(state.x).map { table.number(.indirect(size, k &+ $0.offset, index: $0.base)) }
                    ?? table.number(.indirect(size, k, index: state.x))
                return (value, !state.holds(value), source)
            case .memory(let index):
                return (state.memory[index], false, source)
            case .length:
                return (table.number(.length), false, source)
            case .headerLength(let k):
                let value = table.number(.headerLength(k))
                return (value, !(state.canLoad(1, at: k) || state.holds(value)), source)
            case .ancillary(let size, let k):
                guard let ancillary = Ancillary(loadOffset: k), ancillary.isPacketMetadata || ancillary == .aluXorX else {
                    return (table.fresh(), true, source)
                }
                if ancillary == .aluXorX { return (table.alu(.xor, state.a, state.x), false, source) }
                return (table.number(.ancillary(size, k)), false, source)
            }
        }

        // MARK: Exits and tests

        /// The exit with constants folded in (`ret a` of a known A, a test
        /// against a known X).
        func rewrite(_ exit: Exit, _ state: AbstractState) -> Exit {
            guard folding else { return exit }
            switch exit {
            case .returnA:
                if let constant = table.constantValue(state.a) { return .returnConstant(constant) }
            case .branch(let test, let t, let f):
                if test.operand == .x, let constant = table.constantValue(state.x) {
                    return .branch(Test(operation: test.operation, operand: .constant(constant)), whenTrue: t, whenFalse: f)
                }
            default:
                break
            }
            return exit
        }

        /// The outcome of a test, when what is known in `state` decides it.
        func decide(_ test: Test, _ state: AbstractState) -> Bool? {
            guard deciding else { return nil }
            switch test.operand {
            case .constant(let k):
                return state.knowledge(of: state.a, table: table).decide(test.operation, k)
            case .x:
                if let k = table.constantValue(state.x) {
                    return state.knowledge(of: state.a, table: table).decide(test.operation, k)
                }
                guard state.a == state.x else { return nil }
                switch test.operation {
                case .jeq, .jge, .ja: return true
                case .jgt: return false
                case .jset: return state.knowledge(of: state.a, table: table).decide(.jeq, 0).map { !$0 }
                }
            }
        }

        /// The state on one edge of a test.
        func assuming(_ test: Test, _ outcome: Bool, _ state: AbstractState) -> AbstractState {
            var result = state
            assume(test, outcome, on: state, into: &result)
            return result
        }

        /// Records in `result`'s facts the outcome of `test` on the
        /// registers of `state`.
        func assume(_ test: Test, _ outcome: Bool, on state: AbstractState, into result: inout AbstractState) {
            let k: UInt32
            switch test.operand {
            case .constant(let constant): k = constant
            case .x:
                guard let constant = table.constantValue(state.x) else { return }
                k = constant
            }
            result.assume(state.a, test.operation, k, outcome, table: table)
        }

        /// Follows an edge past blocks whose steps do nothing needed on it and
        /// whose exit the edge's state decides (jump threading). Returns where
        /// the edge should go and the state it carries there.
        mutating func thread(_ target: Int, _ state: AbstractState, graph: ControlFlowGraph,
                             liveness: Liveness) -> (Int, AbstractState) {
            guard threading else { return (target, state) }
            var target = target
            var state = state
            var discarded: [Step] = []
            for _ in 0..<ValuePropagation.threadingLimit {
                let block = graph.blocks[target]
                var simulated = state
                for step in block.steps {
                    discarded.removeAll(keepingCapacity: true)
                    guard !transfer(step, &simulated, into: &discarded) else { return (target, state) }
                }
                var changed: RegisterSet = []
                if simulated.a != state.a { changed.insert(.a) }
                if simulated.x != state.x { changed.insert(.x) }
                for index in 0..<16 where simulated.memory[index] != state.memory[index] { changed.insert(.memory(index)) }
                let next: Int
                var decided: (Test, Bool)?
                switch block.exit {
                case .jump(let successor):
                    next = successor
                case .branch(let test, let t, let f):
                    guard let outcome = decide(test, simulated) else { return (target, state) }
                    next = outcome ? t : f
                    decided = (test, outcome)
                default:
                    return (target, state)
                }
                // Values the skipped block computed differently must not be needed later.
                guard changed.isDisjoint(with: liveness.liveIn[next]) else { return (target, state) }
                // The edge keeps its registers; it learns the skipped test's outcome
                // (the steps before it change no facts).
                if let (test, outcome) = decided { assume(test, outcome, on: simulated, into: &state) }
                target = next
            }
            return (target, state)
        }
    }
}
