import SluiceCompiler

/// An XDP program generated for a filter, with the part of the filter
/// expression each slot came from and the way it was made.
///
/// `sources[i]` is the source span of slot `i` of `program` (nil for the
/// prologue and the returns, and for slots of a translated program that the
/// translator does not map). `annotations(in:)` turns them into notes for
/// `BPFProgram.load(_:annotations:)`, so a kernel-verifier rejection names the
/// part of the expression (the kernel log itself only has slot numbers).
public struct XDPGeneratedProgram: Hashable, Sendable {
    /// The program, ready for `bpf_prog_load`.
    public var program: EBPFProgram
    /// Per slot, the expression span it was generated for;
    /// `sources.count == program.instructions.count`.
    public var sources: [SourceSpan?]
    /// Which generator made it.
    public var path: XDPGenerationPath

    /// A program and its per-slot sources (padded with nil or cut to the
    /// program's length, so they always align).
    public init(program: EBPFProgram, sources: [SourceSpan?], path: XDPGenerationPath) {
        self.program = program
        let count = program.instructions.count
        self.sources = Array(sources.prefix(count)) + Array(repeating: nil, count: max(0, count - sources.count))
        self.path = path
    }

    /// One note per slot for `BPFProgram.load(annotations:)`: the part of
    /// `expression` the slot came from, its column, and a caret line
    /// (`FilterSourceNote`), rendered only for the slot a report shows.
    public func annotations(in expression: String) -> SlotNotes {
        let sources = sources
        return SlotNotes(count: sources.count) { slot in
            sources[slot].map { FilterSourceNote.text($0, in: expression) }
        }
    }
}

/// How `XDPCodeGenerator` made a program.
public enum XDPGenerationPath: Hashable, Sendable, CustomStringConvertible {
    /// Generated from the Filter IR with direct packet access.
    case direct
    /// The filter's cBPF program translated by `CBPFTranslator`, because the
    /// direct generator could not take the filter; `reason` says why.
    case translated(reason: String)

    /// "direct from the filter IR", or "translated from cBPF (REASON)".
    public var description: String {
        switch self {
        case .direct: "direct from the filter IR"
        case .translated(let reason): "translated from cBPF (\(reason))"
        }
    }
}
