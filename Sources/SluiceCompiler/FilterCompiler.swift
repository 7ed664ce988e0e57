import SluiceBytecode
import SluiceVerifier

/// pcap-filter text to verified classic BPF for Ethernet: libpcap's
/// `pcap_compile` for DLT_EN10MB, returning the snap length on a match
/// and 0 otherwise.
public enum FilterCompiler {
    /// Parses, generates, optionally optimizes and verifies `expression`.
    public static func compile(_ expression: String, options: CompileOptions = .init()) throws(CompileError) -> CompiledFilter {
        let filter = try FilterParser.parse(expression, netmask: options.netmask)
        return try compile(filter, expression: expression, options: options)
    }

    /// Generates, optionally optimizes and verifies code for an IR (from the
    /// parser or the DSL); `expression` is the text spans refer to, if any.
    public static func compile(_ filter: Filter, expression: String = "",
                               options: CompileOptions = .init()) throws(CompileError) -> CompiledFilter {
        var (program, spans): (Program, [SourceSpan?])
        do {
            (program, spans) = try CBPFCodeGenerator.generateOrFail(filter, acceptValue: options.snapLength)
        } catch {
            throw CompileError(error.message, at: error.span, in: expression)
        }
        // The optimizer is linear (about 16 ms for 2,300 instructions, release
        // build) and rarely removes more than a quarter; a program more than
        // twice cBPF's limit cannot come under it, so it goes straight to the
        // "too long" error below instead of being optimized first.
        if options.optimize && program.count <= FilterCompiler.optimizerLimit {
            let optimized = Optimizer.optimize(program)
            // The optimizer must keep programs verifiable; where it does not
            // (fuzzing found a tunnel case that drops a needed store), the
            // generated program is kept: slower, never wrong.
            if optimized.instructions != program.instructions, (try? Verifier.verify(optimized)) != nil {
                spans = FilterCompiler.alignSpans(from: program, spans, to: optimized)
                program = optimized
            }
        }
        guard program.count <= Program.maximumLength else {
            throw CompileError("the program needs \(program.count) instructions, more than cBPF's \(Program.maximumLength); "
                               + "compile it for the eBPF/XDP path (sluice xdp compile) or split it into demux bindings",
                               at: nil, in: expression)
        }
        let verified: VerifiedProgram
        do {
            verified = try Verifier.verify(program)
        } catch {
            throw CompileError("internal error: the generated program was rejected by the verifier: \(error)", at: nil, in: expression)
        }
        return CompiledFilter(ir: filter, program: verified, sources: spans, expression: expression)
    }

    /// Longest generated program handed to the optimizer: twice cBPF's limit.
    public static let optimizerLimit = 2 * Program.maximumLength

    /// Spans for an optimized program: each instruction takes the span of
    /// the next instruction of the original with the same opcode and operand,
    /// in order (the optimizer keeps the order of what it does not delete),
    /// so annotations stay close; an instruction it made up gets none.
    static func alignSpans(from original: Program, _ spans: [SourceSpan?], to optimized: Program) -> [SourceSpan?] {
        var next = 0
        return optimized.map { instruction in
            guard let found = (next..<min(original.count, next + 64)).first(where: {
                original[$0].code == instruction.code && original[$0].k == instruction.k
            }) else { return nil }
            next = found + 1
            return spans[found]
        }
    }
}
