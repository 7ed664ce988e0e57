/// tcpdump's `-d` output: one line per instruction, byte for byte what
/// libpcap's `bpf_image()` returns (and `bpf_dump(program, 1)` prints).
///
/// The rules, learnt from libpcap's behaviour: `(%03d) %-8s %s` with the
/// mnemonic and operand, or `(%03d) %-8s %-16s jt %d\tjf %d` for conditional
/// jumps (any code of class `BPF_JMP` whose operation is not `BPF_JA`, known
/// or not), where the targets are absolute indexes `n + 1 + jt`. Offsets,
/// scratch indexes and decimal immediates print `k` with `%d` (so `k` above
/// 2^31 prints negative), `ld`/`ldx`/jump/`and`/`or`/`xor` immediates with
/// `#0x%x`, `ja` its absolute target `n + 1 + k` (32-bit wrap, `%d`), an
/// absolute load at a known `SKF_AD_*` offset its name (`[vlan_tci]`), and an
/// unknown code `unimp 0x%x`. Lines with no operand keep the trailing blanks
/// of `%-8s ` (`"(006) tax      "`).
public enum TcpdumpImage {
    /// The `bpf_image()` text of `instruction` at position `index`.
    public static func line(_ instruction: Instruction, at index: Int) -> String {
        let (mnemonic, operand) = parts(instruction, at: index)
        var text = "(" + zeroPadded(index, width: 3) + ") " + padded(mnemonic, to: 8) + " "
        if KnownOpcode.isConditionalJump(instruction.code) {
            text += padded(operand, to: 16)
            text += " jt \(index + 1 + Int(instruction.jt))\tjf \(index + 1 + Int(instruction.jf))"
        } else {
            text += operand
        }
        return text
    }

    /// The whole program, one line each, every line ending in `\n`.
    public static func text(_ program: Program) -> String {
        var text = ""
        for (index, instruction) in program.enumerated() {
            text += line(instruction, at: index)
            text += "\n"
        }
        return text
    }

    /// True when the `-d` line shows every field of `instruction`, so parsing
    /// it gives the instruction back. It does not when the code is unknown
    /// (`unimp` shows only the code) or a field the mnemonic ignores is not 0
    /// (`k` of `tax`, `jt`/`jf` of `ld`, ...).
    public static func represents(_ instruction: Instruction) -> Bool {
        normalized(instruction) == instruction
    }

    /// What the `-d` line of `instruction` reads back as: the instruction with
    /// the fields `bpf_image` does not show set to 0. (libpcap's own compiler
    /// leaves such fields set, e.g. `tax` with a nonzero `k`.)
    public static func normalized(_ instruction: Instruction) -> Instruction {
        var shown = instruction
        if !KnownOpcode.isConditionalJump(instruction.code) { shown.jt = 0; shown.jf = 0 }
        if !(KnownOpcode(code: instruction.code)?.usesK ?? false) { shown.k = 0 }
        return shown
    }

    /// The mnemonic and operand `bpf_image` prints.
    static func parts(_ instruction: Instruction, at index: Int) -> (String, String) {
        guard let known = KnownOpcode(code: instruction.code) else {
            return ("unimp", "0x" + String(instruction.code, radix: 16))
        }
        let k = instruction.k
        let signed = Int32(bitPattern: k)
        let operand: String
        switch known.operand {
        case .none: operand = ""
        case .hexadecimal: operand = "#0x" + String(k, radix: 16)
        case .decimal: operand = "#\(signed)"
        case .absolute:
            if let ancillary = Ancillary(loadOffset: k) {
                operand = "[" + ancillary.imageName + "]"
            } else {
                operand = "[\(signed)]"
            }
        case .indirect: operand = "[x + \(signed)]"
        case .scratch: operand = "M[\(signed)]"
        case .length: operand = "#pktlen"
        case .headerLength: operand = "4*([\(signed)]&0xf)"
        case .x: operand = "x"
        case .jumpTarget: operand = "\(Int32(bitPattern: UInt32(truncatingIfNeeded: index + 1) &+ k))"
        }
        return (known.mnemonic, operand)
    }

    /// `%-Ns`: `text` padded with blanks on the right to at least `width`.
    static func padded(_ text: String, to width: Int) -> String {
        let count = text.utf8.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// `%0Nd` for a non-negative number.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
