import SluiceCompiler

/// An XDP program generated for a filter, with the part of the filter
/// expression each slot came from and the way it was made.
///
/// `sources[i]` is the source span of slot `i` of `program` (nil for the
/// prologue and the returns, and for slots of a translated program that the
/// translator does not map). Render them with `annotations(in:)` for
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

    /// One note per slot for `BPFProgram.load(annotations:)`: the text of the
    /// span in `expression` and its columns, e.g. "`tcp dst port 80` (columns 1-15)".
    public func annotations(in expression: String) -> [String?] {
        let bytes = Array(expression.utf8)
        return sources.map { span in
            guard let span, span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return nil }
            let text = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            return "`\(text)` (\(span))"
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
