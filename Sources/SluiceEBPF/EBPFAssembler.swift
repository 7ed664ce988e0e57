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

    /// What has been emitted, in order.
    public private(set) var statements: [Statement] = []
    /// The source of each instruction statement, in order (labels have none).
    private var instructionSources: [SourceSpan?] = []
    private var nextLabelID = 0

    /// The source span recorded for instructions emitted from now on (nil:
    /// none, e.g. the prologue).
    public var source: SourceSpan?

    /// Makes an empty assembly.
    public init() {}

    /// A fresh label, distinct from every other label this assembler made.
    public mutating func makeLabel(_ name: String) -> EBPFLabel {
        defer { nextLabelID += 1 }
        return EBPFLabel(id: nextLabelID, name: "\(name)_\(nextLabelID)")
    }

    /// Appends one instruction.
    public mutating func emit(_ instruction: EBPFInstruction) {
        statements.append(.instruction(instruction))
        instructionSources.append(source)
    }

    /// Appends several slots (for example both slots of a `lddw`).
    public mutating func emit(_ instructions: [EBPFInstruction]) {
        statements.append(contentsOf: instructions.map(Statement.instruction))
        instructionSources.append(contentsOf: repeatElement(source, count: instructions.count))
    }

    /// Defines `label` as the address of the next emitted instruction.
    public mutating func bind(_ label: EBPFLabel) {
        statements.append(.label(label))
    }

    /// Resolves labels and returns the program. Instructions that no path
    /// from the first slot reaches are dropped, since the kernel verifier
    /// rejects unreachable code ("unreachable insn").
    public func assemble() throws(EBPFAssemblyError) -> EBPFProgram {
        try assembleAnnotated().program
    }

    /// `assemble()`, plus the `source` each kept slot was emitted with
    /// (`sources.count == program.instructions.count`).
    public func assembleAnnotated() throws(EBPFAssemblyError) -> (program: EBPFProgram, sources: [SourceSpan?]) {
        var addresses: [EBPFLabel: Int] = [:]
        var slots: [EBPFInstruction] = []
        for statement in statements {
            switch statement {
            case .instruction(let instruction): slots.append(instruction)
            case .label(let label):
                if addresses[label] != nil { throw .duplicateLabel(label.name) }
                addresses[label] = slots.count
            }
        }
        // Absolute target slot of every jump.
        var targets: [Int: Int] = [:]
        for (index, instruction) in slots.enumerated() where instruction.isJump {
            if let label = instruction.target {
                guard let address = addresses[label] else { throw .unresolvedLabel(label.name, slot: index) }
                targets[index] = address
            } else {
                targets[index] = index + 1 + Int(instruction.offset)
            }
        }
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
        var instructions: [EBPFInstruction] = []
        var sources: [SourceSpan?] = []
        instructions.reserveCapacity(count)
        sources.reserveCapacity(count)
        for (index, var instruction) in slots.enumerated() where kept[index] {
            if let target = targets[index] {
                let distance = newIndex[min(max(target, 0), slots.count)] - newIndex[index] - 1
                guard let offset = Int16(exactly: distance) else {
                    throw .jumpOutOfRange(instruction.target?.name ?? "pc", slot: newIndex[index], distance: distance)
                }
                instruction.offset = offset
                instruction.target = nil
            }
            instructions.append(instruction)
            sources.append(instructionSources[index])
        }
        return (EBPFProgram(instructions), sources)
    }

    /// `if cond goto L; goto M; L:` becomes `if !cond goto M` (the goto then
    /// is unreachable unless something else jumps to it).
    private static func invertBranchesOverGotos(_ slots: inout [EBPFInstruction], targets: inout [Int: Int]) {
        let targeted = Set(targets.values)
        for index in slots.indices.dropLast() where slots[index].isJump && slots[index].jumpOperation != .ja {
            let next = slots[index + 1]
            guard targets[index] == index + 2, !targeted.contains(index + 1),
                  next.instructionClass == .jmp, next.jumpOperation == .ja,
                  let negated = slots[index].jumpOperation?.negated, let farTarget = targets[index + 1] else { continue }
            slots[index].code = (slots[index].code & 0x0f) | negated.rawValue
            targets[index] = farTarget
            targets[index + 1] = index + 2  // now a goto to the next slot, which is dropped
        }
    }

    /// Drops `goto` whose target is the next slot that is kept anyway.
    private static func dropJumpsToNext(_ slots: [EBPFInstruction], targets: [Int: Int], kept: inout [Bool]) {
        var nextKept = slots.count
        for index in slots.indices.reversed() {
            if kept[index], slots[index].instructionClass == .jmp, slots[index].jumpOperation == .ja,
               let target = targets[index], target > index,
               (index + 1 ..< target).allSatisfy({ !kept[$0] }) || target == nextKept {
                kept[index] = false
            }
            if kept[index] { nextKept = index }
        }
    }

    /// Which slots some path from slot 0 reaches.
    private static func reachable(_ slots: [EBPFInstruction], targets: [Int: Int]) -> [Bool] {
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

extension EBPFInstruction {
    /// A conditional or unconditional jump with a target (not call/exit).
    var isJump: Bool {
        (instructionClass == .jmp || instructionClass == .jmp32) && jumpOperation != .call && jumpOperation != .exit
            && jumpOperation != nil
    }
    /// `exit` or `goto`: nothing falls through to the next slot.
    var endsPath: Bool {
        instructionClass == .jmp && (jumpOperation == .exit || jumpOperation == .ja)
    }
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
