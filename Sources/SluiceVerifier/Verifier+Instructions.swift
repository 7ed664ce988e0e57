import SluiceBytecode

extension Verifier {
    /// `bpf_check_classic`: each instruction on its own, then the last one.
    /// Every broken instruction is reported, not only the first.
    static func checkInstructions(_ program: Program, _ options: VerifierOptions) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, instruction) in program.enumerated() {
            if let problem = check(instruction, at: index, length: program.count, options: options) {
                diagnostics.append(problem)
            }
        }
        if let last = program.last, !last.isReturn, !(last.instructionClass == .ret && !LinuxOpcodes.isAllowed(last.code)) {
            // A `ret x` at the end was reported as an invalid opcode already.
            diagnostics.append(Diagnostic(
                instructionIndex: program.count - 1, rule: .missingReturn,
                message: "the last instruction, \(last.spelling(at: program.count - 1)), is not a return, so the program could run off its end",
                hint: "insert ret #0 (drop) or ret #262144 (accept) at the end"))
        }
        return diagnostics
    }

    /// The checks on one instruction, in `bpf_check_classic`'s order.
    private static func check(_ instruction: Instruction, at index: Int, length: Int,
                              options: VerifierOptions) -> Diagnostic? {
        func problem(_ rule: VerifierRule, _ message: String, _ hint: String) -> Diagnostic {
            Diagnostic(instructionIndex: index, rule: rule, message: message, hint: hint)
        }
        let k = instruction.k
        guard LinuxOpcodes.isAllowed(instruction.code) else {
            return problem(.invalidOpcode,
                           "opcode \(opcodeHex(instruction.code)) is not a classic BPF instruction Linux accepts",
                           LinuxOpcodes.hint(for: instruction.code))
        }
        switch instruction.instructionClass {
        case .alu where instruction.operandSource == .k:
            switch instruction.aluOperation {
            case .div?, .mod?:
                if k == 0 {
                    return problem(.divisionByZero, "\(instruction.spelling(at: index)) divides by the constant zero",
                                   "to return 0 write ret #0; to divide by a register write \(instruction.aluOperation.map { "\($0)" } ?? "div") x")
                }
            case .lsh?, .rsh?:
                if k >= 32 {
                    return problem(.shiftOutOfRange, "\(instruction.spelling(at: index)) shifts a 32-bit A by \(k) bits",
                                   "shifts take 0...31; to clear A write ld #0")
                }
            default: break
            }
        case .ld, .ldx, .st, .stx:
            if instruction.isScratchAccess, k >= 16 {
                return problem(.scratchIndexOutOfRange, "\(instruction.spelling(at: index)) addresses scratch word \(k)",
                               "the scratch words are M[0] to M[15]")
            }
            if instruction.instructionClass == .ld, instruction.addressMode == .abs, k >= Ancillary.base {
                return checkAncillary(instruction, at: index, options: options, problem)
            }
        case .jmp:
            return checkJump(instruction, at: index, length: length, problem)
        default: break
        }
        return nil
    }

    /// `bpf_anc_helper`: an absolute load at `SKF_AD_OFF` or above must name
    /// one of Linux's ancillary values (of any width); then the engine must
    /// supply it.
    private static func checkAncillary(_ instruction: Instruction, at index: Int, options: VerifierOptions,
                                       _ problem: (VerifierRule, String, String) -> Diagnostic) -> Diagnostic? {
        let offset = instruction.k &- Ancillary.base
        guard let ancillary = Ancillary(loadOffset: instruction.k) else {
            let message = "load at SKF_AD_OFF+\(offset) (k = \(hex(instruction.k))) is not an ancillary value Linux knows"
            if offset < Ancillary.limit, let near = Ancillary(rawValue: offset & ~3) {
                return problem(.unknownAncillary, message,
                               "ancillary offsets are multiples of 4: did you mean SKF_AD_OFF+\(near.rawValue) (\(near.imageName))?")
            }
            return problem(.unknownAncillary, message,
                           "ancillary offsets run from SKF_AD_OFF+0 to +60 (SKF_AD_MAX is 64); negative packet offsets start at SKF_NET_OFF (-0x100000) or SKF_LL_OFF (-0x200000)")
        }
        guard options.supportedAncillary.contains(ancillary) else {
            let supported = options.supportedAncillary.sorted { $0.rawValue < $1.rawValue }.map(\.imageName)
            return problem(.unsupportedAncillary,
                           "\(instruction.spelling(at: index)) reads SKF_AD_OFF+\(offset), which this engine cannot supply",
                           supported.isEmpty ? "this engine supplies no ancillary values"
                                             : "this engine supplies: " + supported.joined(separator: ", "))
        }
        return nil
    }

    /// Jumps go forward and land inside the program: `ja` uses k, the
    /// conditional jumps both jt and jf.
    private static func checkJump(_ instruction: Instruction, at index: Int, length: Int,
                                  _ problem: (VerifierRule, String, String) -> Diagnostic) -> Diagnostic? {
        let last = length - 1
        let hint = index == last
            ? "a jump cannot be the last instruction: end the program with a ret"
            : "from instruction \(index) a jump may skip at most \(last - index - 1) instructions (the last one is \(last))"
        if instruction.jumpOperation == .ja {
            let target = UInt64(index) + 1 + UInt64(instruction.k)
            guard target > UInt64(last) else { return nil }
            return problem(.jumpOutOfRange, "ja \(instruction.k) jumps to instruction \(target), past the end (\(last))", hint)
        }
        let targets = [("jt", instruction.jt), ("jf", instruction.jf)]
            .filter { index + 1 + Int($0.1) > last }
            .map { "\($0.0) \($0.1) goes to instruction \(index + 1 + Int($0.1))" }
        guard !targets.isEmpty else { return nil }
        return problem(.jumpOutOfRange, "\(instruction.spelling(at: index)): " + targets.joined(separator: " and ") + ", past the end (\(last))", hint)
    }
}

extension Instruction {
    /// `ret #k` or `ret a`: the two returns Linux accepts.
    var isReturn: Bool {
        code == InstructionClass.ret.rawValue | ReturnSource.k.rawValue
            || code == InstructionClass.ret.rawValue | ReturnSource.a.rawValue
    }

    /// `ld M[k]`, `ldx M[k]`, `st M[k]`, `stx M[k]` (valid opcodes only).
    var isScratchAccess: Bool {
        switch instructionClass {
        case .st, .stx: true
        case .ld, .ldx: addressMode == .mem
        default: false
        }
    }

    /// A conditional jump (`jeq`, `jgt`, `jge`, `jset`; valid opcodes only).
    var isConditionalJump: Bool {
        instructionClass == .jmp && jumpOperation != .ja
    }
}
