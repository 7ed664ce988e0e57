/// Prints a program in the assembler's syntax (`docs/assembler.md`), with a
/// label `L<index>:` before every jump target, so `Assembler` reads it back
/// to the same program.
///
/// An instruction the symbolic form cannot carry (an unknown code, a field
/// its mnemonic ignores that is not 0, a jump past the end of the program)
/// is printed raw as `.insn code, jt, jf, k`, so every bit pattern round-trips.
public enum AssemblyPrinter {
    /// The assembly text, every line ending in `\n`.
    public static func text(_ program: Program) -> String {
        var targets = Set<Int>()
        var symbolic = [Bool](repeating: false, count: program.count)
        for (index, instruction) in program.enumerated() {
            guard let jumps = jumpTargets(instruction, at: index, count: program.count) else { continue }
            symbolic[index] = true
            targets.formUnion(jumps)
        }
        var text = ""
        for (index, instruction) in program.enumerated() {
            if targets.contains(index) { text += label(index) + ":\n" }
            text += "    " + (symbolic[index] ? statement(instruction, at: index) : raw(instruction)) + "\n"
        }
        if targets.contains(program.count) { text += label(program.count) + ":\n" }
        return text
    }

    /// The labels an instruction printed symbolically jumps to, or nil when it
    /// must be printed raw.
    private static func jumpTargets(_ instruction: Instruction, at index: Int, count: Int) -> [Int]? {
        guard let known = KnownOpcode(code: instruction.code), TcpdumpImage.represents(instruction) else { return nil }
        switch known.operand {
        case .jumpTarget:
            let target = index + 1 + Int(instruction.k)
            return target <= count ? [target] : nil
        default:
            guard known.usesJumpOffsets else { return [] }
            let onTrue = index + 1 + Int(instruction.jt), onFalse = index + 1 + Int(instruction.jf)
            guard onTrue <= count, onFalse <= count else { return nil }
            return instruction.jf == 0 ? [onTrue] : [onTrue, onFalse]
        }
    }

    /// `mnemonic operand[, Ltrue[, Lfalse]]` for a known opcode.
    private static func statement(_ instruction: Instruction, at index: Int) -> String {
        guard let known = KnownOpcode(code: instruction.code) else { return raw(instruction) }
        var (mnemonic, operand) = TcpdumpImage.parts(instruction, at: index)
        switch known.operand {
        case .jumpTarget: operand = label(index + 1 + Int(instruction.k))
        case .length: operand = "#len"
        case .none where mnemonic == "ret": operand = "a"
        default: break
        }
        if known.usesJumpOffsets {
            operand += ", " + label(index + 1 + Int(instruction.jt))
            if instruction.jf != 0 { operand += ", " + label(index + 1 + Int(instruction.jf)) }
        }
        guard !operand.isEmpty else { return mnemonic }
        return TcpdumpImage.padded(mnemonic, to: 5) + " " + operand
    }

    /// `.insn 0x15, 0, 1, 0x800`.
    private static func raw(_ instruction: Instruction) -> String {
        ".insn 0x" + String(instruction.code, radix: 16) + ", \(instruction.jt), \(instruction.jf), 0x"
            + String(instruction.k, radix: 16)
    }

    private static func label(_ index: Int) -> String { "L\(index)" }
}
