/// tcpdump's `-dd` and `-ddd` text, as libpcap's `bpf_dump()` prints it at
/// levels 2 and 3:
///
/// - `-dd`: one C initialiser per instruction, `{ 0x%x, %d, %d, 0x%08x },`
///   (code, jt, jf, k);
/// - `-ddd`: the instruction count on a line of its own, then
///   `%u %u %u %u` (code jt jf k, decimal) per instruction.
///
/// Both keep every field, so every bit pattern round-trips. Reading is
/// tolerant: any blanks, blank lines, `\r\n`, decimal or `0x` numbers in any
/// field, and an optional trailing comma after `}`.
enum DumpCodec {
    /// `-dd` text.
    static func encodeDD(_ program: Program) -> String {
        var text = ""
        for instruction in program {
            let k = String(instruction.k, radix: 16)
            text += "{ 0x\(String(instruction.code, radix: 16)), \(instruction.jt), \(instruction.jf), 0x"
            text += String(repeating: "0", count: max(0, 8 - k.count)) + k + " },\n"
        }
        return text
    }

    /// `-ddd` text.
    static func encodeDDD(_ program: Program) -> String {
        var text = "\(program.count)\n"
        for instruction in program {
            text += "\(instruction.code) \(instruction.jt) \(instruction.jf) \(instruction.k)\n"
        }
        return text
    }

    /// Reads `-dd` text.
    static func decodeDD(_ bytes: [UInt8]) throws(DecodingError) -> Program {
        var instructions: [Instruction] = []
        let lines = TextLine.split(bytes)
        for line in lines where !line.isBlank(in: bytes) {
            var scanner = TextScanner(bytes: bytes, format: .tcpdumpDD, line: line)
            guard instructions.count < ProgramCodec.maximumInstructions else {
                throw scanner.error(.tooManyInstructions(limit: ProgramCodec.maximumInstructions))
            }
            try scanner.expect("{")
            let fields = try fields(&scanner, separator: ",")
            try scanner.expect("}")
            _ = scanner.consume(",")
            try scanner.expectEnd()
            instructions.append(fields)
        }
        guard !instructions.isEmpty else { throw emptyError(.tcpdumpDD, lines: lines.count) }
        return Program(instructions)
    }

    /// Reads `-ddd` text: the count line, then exactly that many instruction lines.
    static func decodeDDD(_ bytes: [UInt8]) throws(DecodingError) -> Program {
        var instructions: [Instruction] = []
        let lines = TextLine.split(bytes).filter { !$0.isBlank(in: bytes) }
        guard let countLine = lines.first else { throw emptyError(.tcpdumpDDD, lines: 1) }
        var countScanner = TextScanner(bytes: bytes, format: .tcpdumpDDD, line: countLine)
        let countColumn = countScanner.column
        let declared = Int(try countScanner.unsigned("an instruction count", maximum: 0xFFFF_FFFF))
        try countScanner.expectEnd()
        guard declared <= ProgramCodec.maximumInstructions else {
            throw countScanner.error(.tooManyInstructions(limit: ProgramCodec.maximumInstructions), column: countColumn)
        }
        for line in lines.dropFirst() {
            var scanner = TextScanner(bytes: bytes, format: .tcpdumpDDD, line: line)
            guard instructions.count < declared else {
                throw scanner.error(.countMismatch(declared: declared, found: lines.count - 1))
            }
            let instruction = try fields(&scanner, separator: nil)
            try scanner.expectEnd()
            instructions.append(instruction)
        }
        guard instructions.count == declared else {
            throw countScanner.error(.countMismatch(declared: declared, found: instructions.count), column: countColumn)
        }
        guard !instructions.isEmpty else { throw countScanner.error(.empty, column: countColumn) }
        return Program(instructions)
    }

    /// `code jt jf k`, separated by `separator` (and blanks) when given.
    private static func fields(_ scanner: inout TextScanner, separator: String?) throws(DecodingError) -> Instruction {
        let code = try scanner.unsigned("an opcode (16 bits)", maximum: 0xFFFF)
        if let separator { try scanner.expect(separator) }
        let jt = try scanner.unsigned("jt (8 bits)", maximum: 0xFF)
        if let separator { try scanner.expect(separator) }
        let jf = try scanner.unsigned("jf (8 bits)", maximum: 0xFF)
        if let separator { try scanner.expect(separator) }
        let k = try scanner.unsigned("k (32 bits)", maximum: 0xFFFF_FFFF)
        return Instruction(code: UInt16(code), jt: UInt8(jt), jf: UInt8(jf), k: UInt32(k))
    }

    private static func emptyError(_ format: ProgramFormat, lines: Int) -> DecodingError {
        DecodingError(format: format, location: .text(line: max(lines, 1), column: 1), reason: .empty)
    }
}
