import SluiceBytecode

/// The classic BPF verifier: the only maker of `VerifiedProgram`.
///
/// It accepts exactly what Linux accepts when a program is attached with
/// `SO_ATTACH_FILTER` (`bpf_check_classic`, `check_load_and_stores` and the
/// jump limits of `bpf_convert_filter` in `net/core/filter.c`, Linux 6.18),
/// minus the ancillary loads the engine cannot supply. Where Linux answers a
/// bare `EINVAL`, it lists every problem with the instruction index, the
/// rule and a hint. Every pass is linear in the program's length.
public enum Verifier {
    /// Checks `program` and returns it as a `VerifiedProgram`, or throws every
    /// problem found.
    ///
    /// The passes run in Linux's order, and a pass runs only when the ones
    /// before it found nothing, so no diagnostic follows from another: length;
    /// then each instruction (opcode, operands, jump ranges, ancillary
    /// offsets) and the final return; then scratch initialisation along every
    /// path; then the eBPF translation's jump limits.
    public static func verify(_ program: Program,
                              options: VerifierOptions = VerifierOptions()) throws(VerificationFailure) -> VerifiedProgram {
        let passes: [(Program, VerifierOptions) -> [Diagnostic]] = [
            checkLength, checkInstructions, checkScratchFlow, checkTranslation,
        ]
        for pass in passes {
            let diagnostics = pass(program, options)
            if !diagnostics.isEmpty { throw VerificationFailure(diagnostics: diagnostics) }
        }
        return VerifiedProgram(checked: program)
    }

    /// `bpf_check_basics_ok`: 1 to 4096 instructions.
    static func checkLength(_ program: Program, _ options: VerifierOptions) -> [Diagnostic] {
        if program.isEmpty {
            return [Diagnostic(instructionIndex: nil, rule: .emptyProgram,
                               message: "the program has no instructions",
                               hint: "a program needs at least one instruction, a ret: ret #0 drops every packet")]
        }
        if program.count > Program.maximumLength {
            return [Diagnostic(instructionIndex: nil, rule: .programTooLong,
                               message: "the program has \(program.count) instructions; Linux allows at most \(Program.maximumLength) (BPF_MAXINSNS)",
                               hint: "split the filter, or compile it with the optimizer on")]
        }
        return []
    }
}
