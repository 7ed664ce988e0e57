import SluiceBytecode

extension Verifier {
    /// The jump limits of Linux's eBPF translation (`BPF_EMIT_JMP` in
    /// `bpf_convert_filter`). Each eBPF jump offset must fit in 16 signed
    /// bits, and Linux checks this twice:
    /// - on its first pass, forward targets are not placed yet and count as
    ///   eBPF position 0, so a jump placed past eBPF instruction 32767 fails;
    /// - on its second pass, a `ja` may not skip more than 32767 eBPF
    ///   instructions (a conditional jump skips at most 255 classic ones,
    ///   which never comes near).
    static func checkTranslation(_ program: Program, _ options: VerifierOptions) -> [Diagnostic] {
        guard options.enforcesKernelTranslationLimits else { return [] }
        let positions = translatedPositions(program)
        let limit = LinuxTranslation.maximumOffset
        let jumps = program.indices.filter { program[$0].instructionClass == .jmp }
        // First pass: Linux stops at the first jump placed too far; the second
        // pass, which measures spans, then never runs.
        let tooLate = jumps.filter { index in
            LinuxTranslation.jumps(of: program[index]).contains { positions[index] + $0.slot > limit }
        }
        if let first = tooLate.first {
            let others = tooLate.count > 1 ? " (so do the \(tooLate.count - 1) jumps after it)" : ""
            return [Diagnostic(
                instructionIndex: first, rule: .jumpTooFarAfterTranslation,
                message: "\(program[first].spelling(at: first)) lands at eBPF instruction \(positions[first]) once Linux translates the program, past \(limit), where Linux's translator cannot encode a forward jump\(others)",
                hint: "shorten the code before this jump: each packet load becomes up to 16 eBPF instructions, ldxb 4*([k]&0xf) up to 22")]
        }
        return jumps.compactMap { index -> Diagnostic? in
            let instruction = program[index]
            for (slot, skip) in LinuxTranslation.jumps(of: instruction) {
                let span = positions[index + 1 + skip] - (positions[index] + slot) - 1
                guard span > limit else { continue }
                return Diagnostic(
                    instructionIndex: index, rule: .jumpTooFarAfterTranslation,
                    message: "\(instruction.spelling(at: index)) skips \(skip) instructions, which Linux translates to \(span) eBPF instructions; an eBPF jump reaches at most \(limit)",
                    hint: "jump in two steps (ja to a ja placed half way), or move the target closer; each packet load becomes up to 16 eBPF instructions")
            }
            return nil
        }
    }

    /// The eBPF position of each classic instruction, and one past the end.
    static func translatedPositions(_ program: Program) -> [Int] {
        var positions = [LinuxTranslation.prologueLength(of: program)]
        positions.reserveCapacity(program.count + 1)
        for instruction in program {
            positions.append(positions[positions.count - 1] + LinuxTranslation.length(of: instruction))
        }
        return positions
    }
}

extension VerifiedProgram {
    /// How many eBPF instructions Linux makes of this program when it is
    /// attached with `SO_ATTACH_FILTER` (`bpf_convert_filter`, Linux 6.18,
    /// x86-64). The kernel charges about 8 bytes per instruction to the
    /// socket's option memory (`net.core.optmem_max`), so a program whose
    /// translation is too long is refused with `ENOMEM` though it is valid.
    public var linuxTranslatedLength: Int {
        Verifier.translatedPositions(program).last ?? 0
    }
}
