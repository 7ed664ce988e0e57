import SluiceCompiler

/// Lays out assembled slots so that every jump reaches its target, however
/// far: the last step of `EBPFAssembler.assembleAnnotated()`.
///
/// A jump's `off` is 16 bits (±32,767 slots). A `goto` that does not fit
/// becomes `gotol` (`BPF_JMP32 | BPF_JA`, the distance in `imm`; Linux 6.4,
/// LLVM's `gotol`). A conditional jump has no long form, so it jumps to an
/// *island*, a `gotol` to its target placed within reach: right after a slot
/// nothing falls through (`exit`, `goto`), or else right after the jump
/// behind a `goto` that steps over the islands. Islands move the slots after
/// them, so layout repeats until every jump fits (a few rounds; bounded).
/// Islands for the same target are shared while in reach.
struct EBPFBranchRelaxation {
    /// The farthest a 16-bit offset reaches.
    static let reach = Int(Int16.max)
    /// Room kept when choosing an island, for islands later placed between.
    static let margin = 2_048
    /// Rounds before giving up (each round only adds islands, so few are needed).
    static let maximumRounds = 32

    private struct Island {
        var target: Int
        var anchor: Int
        var users: Int
        var source: SourceSpan?
    }

    private let slots: [EBPFInstruction]
    /// Per slot, the kept-slot index it jumps to (`slots.count`: past the end).
    private let targets: [Int?]
    private let sources: [SourceSpan?]
    /// Slots after which nothing falls through: islands need no step-over there.
    private let naturalAnchors: [Int]

    /// Per slot, the island its conditional jump goes through.
    private var islandOf: [Int?] = []
    /// Islands by id (nil once no jump uses it).
    private var islands: [Island?] = []
    /// Per slot, the islands placed right after it, in order.
    private var groups: [[Int]] = []
    /// Island ids per target slot.
    private var islandsByTarget: [Int: [Int]] = [:]

    /// Current address of each slot (and of the end, at `slots.count`).
    private var address: [Int] = []
    private var islandAddress: [Int] = []

    /// The kept slots in order, each jump's target as a kept-slot index,
    /// and each slot's source.
    init(slots: [EBPFInstruction], targets: [Int?], sources: [SourceSpan?]) {
        self.slots = slots
        self.targets = targets
        self.sources = sources
        naturalAnchors = slots.indices.filter { slots[$0].endsPath }
    }

    /// The laid-out program and its per-slot sources.
    mutating func encode() throws(EBPFAssemblyError) -> (program: EBPFProgram, sources: [SourceSpan?]) {
        islandOf = [Int?](repeating: nil, count: slots.count)
        groups = [[Int]](repeating: [], count: slots.count)
        try relax()
        var instructions: [EBPFInstruction] = []
        var out: [SourceSpan?] = []
        let total = address[slots.count]
        instructions.reserveCapacity(total)
        out.reserveCapacity(total)
        for (index, var instruction) in slots.enumerated() {
            if let target = targets[index] {
                let destination = islandOf[index].map { islandAddress[$0] } ?? address[target]
                instruction = try Self.pointing(instruction, distance: destination - address[index] - 1, slot: address[index])
            }
            instructions.append(instruction)
            out.append(sources[index])
            let group = groups[index]
            guard !group.isEmpty else { continue }
            if !instruction.endsPath {
                instructions.append(.ja(offset: Int16(clamping: group.count)))
                out.append(sources[index])
            }
            for id in group {
                guard let island = islands[id] else { continue }
                let distance = address[island.target] - islandAddress[id] - 1
                instructions.append(try Self.pointing(.ja(offset: 0), distance: distance, slot: islandAddress[id]))
                out.append(island.source)
            }
        }
        return (EBPFProgram(instructions), out)
    }

    /// `instruction` with its offset set to `distance`: a `goto` too far for
    /// 16 bits becomes `gotol`; any other jump must fit (islands saw to it).
    private static func pointing(_ instruction: EBPFInstruction,
                                 distance: Int, slot: Int) throws(EBPFAssemblyError) -> EBPFInstruction {
        var jump = instruction
        jump.target = nil
        if instruction.isGoto {
            if let offset = Int16(exactly: distance) { return .ja(offset: offset) }
            if let long = Int32(exactly: distance) { return .gotol(distance: long) }
        } else if let offset = Int16(exactly: distance) {
            jump.offset = offset
            return jump
        }
        throw .jumpOutOfRange(instruction.target?.description ?? "pc", slot: slot, distance: distance)
    }

    /// Adds islands until every conditional jump reaches its target or island.
    private mutating func relax() throws(EBPFAssemblyError) {
        for _ in 0..<Self.maximumRounds {
            layOut()
            var changed = false
            for index in slots.indices {
                guard let target = targets[index], !slots[index].isGoto else { continue }
                let from = address[index] + 1
                if let id = islandOf[index] {
                    if abs(islandAddress[id] - from) <= Self.reach { continue }
                    release(index)
                } else if abs(address[target] - from) <= Self.reach {
                    continue
                }
                assignIsland(to: index, target: target)
                changed = true
            }
            if !changed { return }
        }
        layOut()
        for index in slots.indices {
            guard let target = targets[index], !slots[index].isGoto else { continue }
            let distance = (islandOf[index].map { islandAddress[$0] } ?? address[target]) - address[index] - 1
            if Int16(exactly: distance) == nil {
                throw .jumpOutOfRange(slots[index].target?.description ?? "pc", slot: address[index], distance: distance)
            }
        }
    }

    /// Addresses of slots and islands with the islands placed so far.
    private mutating func layOut() {
        address = [Int](repeating: 0, count: slots.count + 1)
        islandAddress = [Int](repeating: 0, count: islands.count)
        var shift = 0
        for index in slots.indices {
            address[index] = index + shift
            let group = groups[index]
            guard !group.isEmpty else { continue }
            let stepOver = slots[index].endsPath ? 0 : 1
            for (rank, id) in group.enumerated() { islandAddress[id] = index + shift + 1 + stepOver + rank }
            shift += stepOver + group.count
        }
        address[slots.count] = slots.count + shift
    }

    /// Points the jump at `index` to an island for `target` within reach:
    /// a shared one, else a new one after the natural anchor nearest the
    /// target, else a new one right after the jump.
    private mutating func assignIsland(to index: Int, target: Int) {
        let from = address[index] + 1
        let window = Self.reach - Self.margin
        if let shared = islandsByTarget[target]?.first(where: { abs(islandAddress[$0] - from) <= window }) {
            islands[shared]?.users += 1
            islandOf[index] = shared
            return
        }
        let anchor = naturalAnchor(from: from, toward: address[target], window: window) ?? index
        let id = islands.count
        islands.append(Island(target: target, anchor: anchor, users: 1, source: sources[index]))
        islandAddress.append(address[anchor] + 1)
        groups[anchor].append(id)
        islandsByTarget[target, default: []].append(id)
        islandOf[index] = id
    }

    /// The natural anchor within `window` of address `from`, farthest toward `goal`.
    private func naturalAnchor(from: Int, toward goal: Int, window: Int) -> Int? {
        let candidate = goal > from
            ? firstAnchor(islandPast: from + window) - 1  // the last one at or before from + window
            : firstAnchor(islandPast: from - window - 1)  // the first one at or after from - window
        guard naturalAnchors.indices.contains(candidate) else { return nil }
        let anchor = naturalAnchors[candidate]
        return abs(address[anchor] + 1 - from) <= window ? anchor : nil
    }

    /// Index in `naturalAnchors` of the first whose island would sit past `limit`.
    private func firstAnchor(islandPast limit: Int) -> Int {
        var low = 0, high = naturalAnchors.count
        while low < high {
            let middle = (low + high) / 2
            if address[naturalAnchors[middle]] + 1 <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Detaches the jump at `index` from its island, dropping the island when unused.
    private mutating func release(_ index: Int) {
        guard let id = islandOf[index], var island = islands[id] else { return }
        islandOf[index] = nil
        island.users -= 1
        guard island.users == 0 else {
            islands[id] = island
            return
        }
        islands[id] = nil
        groups[island.anchor].removeAll { $0 == id }
        islandsByTarget[island.target]?.removeAll { $0 == id }
    }
}
