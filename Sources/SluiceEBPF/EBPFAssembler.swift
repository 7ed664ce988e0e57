import SluiceCompiler

/// Builds an `EBPFProgram` from instructions and labels, resolving each
/// labelled jump to a slot offset (what libbpf and the kernel call `off`).
///
/// Like cilium/ebpf's symbolic references: generators emit jumps to labels
/// they bind later; `assemble()` fails on a label never bound, bound twice,
/// or too far for a 16-bit offset.
///
/// Each instruction also records `source`, the part of the filter
/// expression it was emitted for (cilium/ebpf's `WithSource`);
/// `assembleAnnotated()` returns them per slot, kept aligned through the
/// slots assembly removes.
public struct EBPFAssembler: Sendable {
    /// One item of the assembly: an instruction slot or a label definition.
    public enum Statement: Hashable, Sendable {
        /// One slot (a jump may still name its target by label).
        case instruction(EBPFInstruction)
        /// The definition of a label: the address of the next slot.
        case label(EBPFLabel)
    }

    /// The instructions emitted, in order.
    private var slots: [EBPFInstruction] = []
    /// Each label bound, in order, with the slot it marks.
    private var bindings: [(label: EBPFLabel, slot: Int)] = []
    /// The source of the instructions from `slot` on, for each change of
    /// `source` (a primitive's instructions share one).
    private var sourceRuns: [(slot: Int, span: SourceSpan?)] = []
    /// What each label `makeLabel` made marks, by id.
    private var labelKinds: [StaticString] = []

    /// The source span recorded for instructions emitted from now on (nil:
    /// none, e.g. the prologue).
    public var source: SourceSpan? {
        didSet {
            if let last = sourceRuns.last, last.slot == slots.count {
                sourceRuns[sourceRuns.count - 1].span = source
            } else {
                sourceRuns.append((slots.count, source))
            }
        }
    }

    /// While true, `emit` drops instructions: the generator knows that no
    /// path reaches this point (code after a `goto`, before a label some
    /// jump targets). `assemble()` would drop them as unreachable anyway;
    /// dropping them here keeps a rule list's dead copies out of memory.
    public var discardsInstructions = false

    /// Makes an empty assembly.
    public init() {}

    /// What has been emitted, in order: instructions and label definitions.
    public var statements: [Statement] {
        var result: [Statement] = []
        result.reserveCapacity(statementCount)
        var next = bindings.startIndex
        for (index, instruction) in slots.enumerated() {
            while next < bindings.endIndex, bindings[next].slot == index {
                result.append(.label(bindings[next].label))
                next += 1
            }
            result.append(.instruction(instruction))
        }
        result.append(contentsOf: bindings[next...].map { .label($0.label) })
        return result
    }

    /// How many statements (instructions and label definitions) there are.
    public var statementCount: Int { slots.count + bindings.count }

    /// A fresh label, distinct from every other label this assembler made.
    public mutating func makeLabel(_ kind: StaticString) -> EBPFLabel {
        labelKinds.append(kind)
        return EBPFLabel(id: labelKinds.count - 1)
    }

    /// `kind_id` for a label `makeLabel` made (e.g. `"match_1"`), else its description.
    public func name(of label: EBPFLabel) -> String {
        labelKinds.indices.contains(label.id) ? "\(labelKinds[label.id])_\(label.id)" : label.description
    }

    /// Appends one instruction.
    public mutating func emit(_ instruction: EBPFInstruction) {
        guard !discardsInstructions else { return }
        slots.append(instruction)
    }

    /// Appends several slots (for example both slots of a `lddw`).
    public mutating func emit(_ instructions: [EBPFInstruction]) {
        for instruction in instructions { emit(instruction) }
    }

    /// Defines `label` as the address of the next emitted instruction.
    public mutating func bind(_ label: EBPFLabel) {
        bindings.append((label, slots.count))
    }

    /// Resolves labels and returns the program. Instructions that no path
    /// from the first slot reaches are dropped, since the kernel verifier
    /// rejects unreachable code ("unreachable insn").
    public func assemble() throws(EBPFAssemblyError) -> EBPFProgram {
        try assembleAnnotated().program
    }

    /// `assemble()`, plus the `source` each kept slot was emitted with
    /// (`sources.count == program.instructions.count`).
    ///
    /// A jump farther than a 16-bit offset reaches is relaxed
    /// (`EBPFBranchRelaxation`): a `goto` becomes `gotol`, a conditional
    /// jump goes through an island `gotol` placed near it.
    public func assembleAnnotated() throws(EBPFAssemblyError) -> (program: EBPFProgram, sources: [SourceSpan?]) {
        var targets = try resolve()
        var slots = self.slots
        Self.invertBranchesOverGotos(&slots, targets: &targets)
        var kept = Self.reachable(slots, targets: targets)
        Self.dropJumpsToNext(slots, targets: targets, kept: &kept)
        // New index of each slot; a dropped slot maps to the next kept one
        // (a dropped `goto next` is a target only as a stand-in for it).
        var newIndex = [Int](repeating: 0, count: slots.count + 1)
        let count = kept.count { $0 }
        var following = count
        for index in slots.indices.reversed() {
            if kept[index] { following -= 1 }
            newIndex[index] = following
        }
        newIndex[slots.count] = count
        var keptSlots: [EBPFInstruction] = [], keptTargets: [Int?] = [], keptSources: [SourceSpan?] = []
        keptSlots.reserveCapacity(count)
        keptTargets.reserveCapacity(count)
        keptSources.reserveCapacity(count)
        var run = sourceRuns.startIndex - 1
        for index in slots.indices {
            while run + 1 < sourceRuns.endIndex, sourceRuns[run + 1].slot <= index { run += 1 }
            guard kept[index] else { continue }
            keptSlots.append(slots[index])
            keptTargets.append(targets[index].map { newIndex[min(max($0, 0), slots.count)] })
            keptSources.append(run >= 0 ? sourceRuns[run].span : nil)
        }
        var relaxation = EBPFBranchRelaxation(slots: keptSlots, targets: keptTargets, sources: keptSources)
        return try relaxation.encode()
    }

    /// The absolute target slot of every jump (nil for the rest).
    private func resolve() throws(EBPFAssemblyError) -> [Int?] {
        var addresses = LabelAddresses(bindings, slotCount: slots.count)
        for (label, slot) in bindings {
            guard addresses.bind(label, to: slot) else { throw .duplicateLabel(name(of: label)) }
        }
        var targets = [Int?](repeating: nil, count: slots.count)
        for (index, instruction) in slots.enumerated() where instruction.isJump {
            if let label = instruction.target {
                guard let address = addresses[label] else { throw .unresolvedLabel(name(of: label), slot: index) }
                targets[index] = address
            } else {
                targets[index] = index + 1 + instruction.rawDistance
            }
        }
        return targets
    }

    /// `if cond goto L; goto M; L:` becomes `if !cond goto M` (the goto then
    /// is unreachable unless something else jumps to it).
    private static func invertBranchesOverGotos(_ slots: inout [EBPFInstruction], targets: inout [Int?]) {
        var targeted = [Bool](repeating: false, count: slots.count + 1)
        for case let target? in targets where target >= 0 && target <= slots.count { targeted[target] = true }
        for index in slots.indices.dropLast() where slots[index].isJump && slots[index].jumpOperation != .ja {
            let next = slots[index + 1]
            guard targets[index] == index + 2, !targeted[index + 1], next.isGoto,
                  let negated = slots[index].jumpOperation?.negated, let farTarget = targets[index + 1] else { continue }
            slots[index].code = (slots[index].code & 0x0f) | negated.rawValue
            targets[index] = farTarget
            targets[index + 1] = index + 2  // now a goto to the next slot, which is dropped
        }
    }

    /// Drops `goto` whose target is the next slot that is kept anyway (or a
    /// dropped slot before it, which stands for it).
    private static func dropJumpsToNext(_ slots: [EBPFInstruction], targets: [Int?], kept: inout [Bool]) {
        var nextKept = slots.count
        for index in slots.indices.reversed() {
            if kept[index], slots[index].isGoto, let target = targets[index], target > index, target <= nextKept {
                kept[index] = false
            }
            if kept[index] { nextKept = index }
        }
    }

    /// Which slots some path from slot 0 reaches.
    private static func reachable(_ slots: [EBPFInstruction], targets: [Int?]) -> [Bool] {
        var seen = [Bool](repeating: false, count: slots.count)
        var work = slots.isEmpty ? [] : [0]
        while let index = work.popLast() {
            guard index >= 0, index < slots.count, !seen[index] else { continue }
            seen[index] = true
            let instruction = slots[index]
            if instruction.isWideLoad, index + 1 < slots.count { seen[index + 1] = true }
            if let target = targets[index] { work.append(target) }
            if !instruction.endsPath { work.append(index + instruction.slotCount) }
        }
        return seen
    }
}

/// Label addresses keyed by label id: an array for the dense ids
/// `makeLabel` hands out, a dictionary for any others.
private struct LabelAddresses {
    private var dense: [Int]
    private var sparse: [Int: Int] = [:]

    init(_ bindings: [(label: EBPFLabel, slot: Int)], slotCount: Int) {
        var highest = -1
        let limit = 4 * (slotCount + bindings.count) + 64
        for (label, _) in bindings where label.id < limit { highest = max(highest, label.id) }
        dense = [Int](repeating: -1, count: highest + 1)
    }

    /// Records `label` at `address`; false when it already has one.
    mutating func bind(_ label: EBPFLabel, to address: Int) -> Bool {
        if dense.indices.contains(label.id) {
            guard dense[label.id] < 0 else { return false }
            dense[label.id] = address
            return true
        }
        return sparse.updateValue(address, forKey: label.id) == nil
    }

    subscript(label: EBPFLabel) -> Int? {
        if dense.indices.contains(label.id) { return dense[label.id] >= 0 ? dense[label.id] : nil }
        return sparse[label.id]
    }
}

extension EBPFInstruction {
    /// A conditional or unconditional jump with a target (not call/exit).
    var isJump: Bool {
        (instructionClass == .jmp || instructionClass == .jmp32) && jumpOperation != .call && jumpOperation != .exit
            && jumpOperation != nil
    }
    /// `goto` (`BPF_JMP | BPF_JA`) or `gotol` (`BPF_JMP32 | BPF_JA`).
    var isGoto: Bool { code == EBPFClass.jmp.rawValue || code == EBPFClass.jmp32.rawValue }
    /// `exit`, `goto` or `gotol`: nothing falls through to the next slot.
    var endsPath: Bool { isGoto || (instructionClass == .jmp && jumpOperation == .exit) }
    /// The encoded jump distance in slots: `imm` for `gotol`, else `offset`.
    var rawDistance: Int { code == EBPFClass.jmp32.rawValue ? Int(imm) : Int(offset) }
}

/// Why an assembly could not be encoded.
public enum EBPFAssemblyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A jump at `slot` names a label that was never bound.
    case unresolvedLabel(String, slot: Int)
    /// The label was bound at two places.
    case duplicateLabel(String)
    /// The jump at `slot` is farther than a 16-bit offset reaches.
    case jumpOutOfRange(String, slot: Int, distance: Int)

    public var description: String {
        switch self {
        case .unresolvedLabel(let name, let slot):
            "slot \(slot): jump to label '\(name)', which is never defined"
        case .duplicateLabel(let name):
            "label '\(name)' is defined twice"
        case .jumpOutOfRange(let name, let slot, let distance):
            "slot \(slot): jump to '\(name)' spans \(distance) slots, beyond the 16-bit offset range"
        }
    }
}
