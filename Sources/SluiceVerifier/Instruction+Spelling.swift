import SluiceBytecode

extension Instruction {
    /// The instruction as libpcap's `bpf_image` shows it at `index`
    /// ("ldh [12]", "jeq #0x800 jt 2 jf 5", "unimp 0x21"), blanks collapsed,
    /// for diagnostics.
    func spelling(at index: Int) -> String {
        let line = TcpdumpImage.line(self, at: index)
        // Drop the "(003) " position prefix; collapse the column padding.
        let body = line.drop { $0 != ")" }.dropFirst()
        return body.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The spelling of a lone opcode, for hints (jumps shown without targets).
    static func spelling(of code: UInt16) -> String {
        let text = Instruction(code: code).spelling(at: 0)
        return text.split(separator: " ").prefix(code & 0x07 == InstructionClass.jmp.rawValue ? 1 : 2).joined(separator: " ")
    }
}

/// `0x1f` style hexadecimal, as libpcap prints constants.
func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

/// An opcode as `0x05` (at least two digits).
func opcodeHex(_ code: UInt16) -> String {
    let digits = String(code, radix: 16)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}
