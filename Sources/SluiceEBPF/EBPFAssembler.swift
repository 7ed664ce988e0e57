/// Builds an `EBPFProgram` from instructions and labels, resolving each
/// labelled jump to a slot offset (what libbpf and the kernel call `off`).
///
/// Like cilium/ebpf's symbolic references: generators emit jumps to labels
/// they bind later; `assemble()` fails on a label never bound, bound twice,
/// or too far for a 16-bit offset.
public struct EBPFAssembler: Sendable {
    /// One item of the assembly: an instruction slot or a label definition.
    public enum Statement: Hashable, Sendable {
        case instruction(EBPFInstruction)
        case label(EBPFLabel)
    }

    /// What has been emitted, in order.
    public private(set) var statements: [Statement] = []
    private var nextLabelID = 0

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
    }

    /// Appends several slots (for example both slots of a `lddw`).
    public mutating func emit(_ instructions: [EBPFInstruction]) {
        statements.append(contentsOf: instructions.map(Statement.instruction))
    }

    /// Defines `label` as the address of the next emitted instruction.
    public mutating func bind(_ label: EBPFLabel) {
        statements.append(.label(label))
    }

    /// Resolves labels and returns the program.
    public func assemble() throws(EBPFAssemblyError) -> EBPFProgram {
        var addresses: [EBPFLabel: Int] = [:]
        var slot = 0
        for statement in statements {
            switch statement {
            case .instruction: slot += 1
            case .label(let label):
                if addresses[label] != nil { throw .duplicateLabel(label.name) }
                addresses[label] = slot
            }
        }
        var instructions: [EBPFInstruction] = []
        instructions.reserveCapacity(slot)
        for case .instruction(var instruction) in statements {
            if let target = instruction.target {
                let index = instructions.count
                guard let address = addresses[target] else {
                    throw .unresolvedLabel(target.name, slot: index)
                }
                let distance = address - index - 1
                guard let offset = Int16(exactly: distance) else {
                    throw .jumpOutOfRange(target.name, slot: index, distance: distance)
                }
                instruction.offset = offset
                instruction.target = nil
            }
            instructions.append(instruction)
        }
        return EBPFProgram(instructions)
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
