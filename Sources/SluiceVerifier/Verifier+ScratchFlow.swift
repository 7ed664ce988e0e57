import SluiceBytecode

extension Verifier {
    /// `check_load_and_stores`: one pass in program order with a bit set of
    /// the scratch words written so far. A jump hands its set to its targets
    /// (intersected with what other paths bring); after a jump the fall-through
    /// state is "everything", since no path falls through an unconditional or
    /// two-way jump. As in Linux, the state is *not* reset after a `ret`: the
    /// instruction after a return is checked as if the return fell through.
    ///
    /// Linux stops at the first bad read; this reports each one (a failed read
    /// changes no state, so later reports do not follow from earlier ones).
    static func checkScratchFlow(_ program: Program, _ options: VerifierOptions) -> [Diagnostic] {
        var incoming = [UInt16](repeating: 0xffff, count: program.count)
        var written: UInt16 = 0
        var firstStore = [Int?](repeating: nil, count: 16)
        var diagnostics: [Diagnostic] = []
        for (index, instruction) in program.enumerated() {
            written &= incoming[index]
            let k = Int(instruction.k & 0xf)
            switch instruction.instructionClass {
            case .st, .stx:
                written |= 1 << k
                if firstStore[k] == nil { firstStore[k] = index }
            case .ld where instruction.addressMode == .mem, .ldx where instruction.addressMode == .mem:
                if written & (1 << k) == 0 {
                    diagnostics.append(unwrittenRead(instruction, at: index, firstStore: firstStore[k]))
                }
            case .jmp:
                if instruction.jumpOperation == .ja {
                    incoming[index + 1 + Int(instruction.k)] &= written
                } else {
                    incoming[index + 1 + Int(instruction.jt)] &= written
                    incoming[index + 1 + Int(instruction.jf)] &= written
                }
                written = 0xffff
            default: break
            }
        }
        return diagnostics
    }

    private static func unwrittenRead(_ instruction: Instruction, at index: Int, firstStore: Int?) -> Diagnostic {
        let word = "M[\(instruction.k)]"
        let message: String
        let hint: String
        if let store = firstStore {
            message = "\(instruction.spelling(at: index)) may read \(word) before it is written: some path here skips the store at instruction \(store)"
            hint = "store to \(word) on every path that reaches instruction \(index), e.g. before the first jump that bypasses instruction \(store)"
        } else {
            message = "\(instruction.spelling(at: index)) reads \(word), which nothing before it writes"
            hint = "write it first with st \(word) (from A) or stx \(word) (from X); scratch memory is not zeroed"
        }
        return Diagnostic(instructionIndex: index, rule: .scratchReadBeforeWrite, message: message, hint: hint)
    }
}
