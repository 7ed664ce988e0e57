import SluiceBytecode
import SluiceCompiler
import SluiceVerifier

/// A classic program translated to XDP, with the classic instruction each
/// eBPF slot came from, so a kernel verifier rejection of a slot can be
/// explained in the classic program's terms (and, through
/// `CompiledFilter.sources`, in the filter expression's). Linux's
/// `bpf_convert_filter` keeps the same map (`addrs[]`) to fix up jumps.
public struct CBPFTranslatedProgram: Sendable {
    /// The XDP program (what `CBPFTranslator.translate` returns).
    public var program: EBPFProgram
    /// Per slot of `program`: the index of the classic instruction it
    /// translates; nil for the prologue, the shared epilogue and the second
    /// half of a `lddw`.
    public var classicIndices: [Int?]

    /// Per slot: the classic instruction as `tcpdump -d` prints it.
    public func annotations(for classic: Program) -> SlotNotes {
        let classicIndices = classicIndices
        return SlotNotes(count: classicIndices.count) { slot in
            classicIndices[slot].flatMap { classic.indices.contains($0) ? Self.classicLine(classic, $0) : nil }
        }
    }

    /// Per slot: the part of the filter expression the classic instruction
    /// came from (`compiled.sources`), with a caret line under it, after the
    /// classic instruction itself.
    public func annotations(for compiled: CompiledFilter) -> SlotNotes {
        let classicIndices = classicIndices
        return SlotNotes(count: classicIndices.count) { slot in
            let classic = compiled.program.program
            guard let index = classicIndices[slot], classic.indices.contains(index) else { return nil }
            let line = Self.classicLine(classic, index)
            guard compiled.sources.indices.contains(index), let span = compiled.sources[index] else { return line }
            return FilterSourceNote.text(span, in: compiled.expression, heading: line)
        }
    }

    private static func classicLine(_ classic: Program, _ index: Int) -> String {
        "classic " + TcpdumpImage.line(classic[index], at: index)
    }
}

/// How a note names a part of a filter expression: the heading, the part
/// quoted with its columns, and the expression with a caret line under the
/// part (the caret drawing of `CompileError`).
public enum FilterSourceNote {
    /// `heading`, then "column N: `part`", the expression, the carets.
    public static func text(_ span: SourceSpan, in expression: String, heading: String? = nil) -> String {
        let bytes = Array(expression.utf8)
        let start = min(span.start, bytes.count), end = min(max(span.end, start), bytes.count)
        let part = String(decoding: bytes[start..<end], as: UTF8.self)
        let located = CompileError("`\(part)`", at: span, in: expression).description
        return (heading.map { $0 + "\n" } ?? "") + located
    }
}

extension CBPFTranslatedProgram {
    /// Per slot: the span of its classic instruction in `classicSources`
    /// (`CompiledFilter.sources`), e.g. for `XDPGeneratedProgram.sources`.
    public func sources(_ classicSources: [SourceSpan?]) -> [SourceSpan?] {
        classicIndices.map { index in index.flatMap { classicSources.indices.contains($0) ? classicSources[$0] : nil } }
    }
}

extension CBPFTranslator {
    /// `translate`, keeping for each eBPF slot the classic instruction it came from.
    public static func translateWithSources(_ program: VerifiedProgram, result: XDPResultMode = .report,
                                            frameOffset: UInt8 = 0) throws(CBPFTranslationError) -> CBPFTranslatedProgram {
        try translateWithSources(instructions: program.program, result: result, frameOffset: frameOffset)
    }

    static func translateWithSources(instructions program: Program, result: XDPResultMode,
                                     frameOffset: UInt8) throws(CBPFTranslationError) -> CBPFTranslatedProgram {
        let translation = try run(instructions: program, result: result, frameOffset: frameOffset)
        let assembled = try assemble(translation)
        return CBPFTranslatedProgram(program: assembled,
                                     classicIndices: translation.classicIndices(of: assembled))
    }
}

extension CBPFTranslation {
    /// The classic index of every statement slot before assembly: the code
    /// after `labels[i]` is bound belongs to instruction i, until the
    /// epilogue's labels.
    var statementOrigins: [Int?] {
        let classicOf = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var origins: [Int?] = []
        var current: Int?
        for statement in asm.statements {
            switch statement {
            case .label(let label):
                if let index = classicOf[label] { current = index } else if label == returnA || label == returnZero { current = nil }
            case .instruction:
                origins.append(current)
            }
        }
        return origins
    }

    /// Maps the assembled slots back to statement slots. `assemble()` only
    /// drops slots and rewrites jump codes and offsets, never immediates
    /// (its decisions read codes and targets), so the same statements with
    /// each immediate replaced by the slot's own number assemble to the same
    /// shape, and each surviving immediate names where the slot came from.
    /// If the shapes ever differ, no slot is attributed (nil), never a wrong one.
    func classicIndices(of assembled: EBPFProgram) -> [Int?] {
        let unknown = [Int?](repeating: nil, count: assembled.instructions.count)
        var probe = EBPFAssembler()
        var slot: Int32 = 0
        for statement in asm.statements {
            switch statement {
            case .label(let label): probe.bind(label)
            case .instruction(var instruction):
                instruction.imm = slot
                slot += 1
                probe.emit(instruction)
            }
        }
        guard let numbered = try? probe.assemble(), numbered.instructions.count == assembled.instructions.count,
              zip(numbered.instructions, assembled.instructions).allSatisfy({ $0.code == $1.code && $0.offset == $1.offset })
        else { return unknown }
        let origins = statementOrigins
        return numbered.instructions.enumerated().map { position, instruction in
            if position > 0, assembled.instructions[position - 1].isWideLoad { return nil }  // lddw's upper half
            return origins.indices.contains(Int(instruction.imm)) ? origins[Int(instruction.imm)] : nil
        }
    }
}
