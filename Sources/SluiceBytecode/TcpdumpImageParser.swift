/// Reads tcpdump `-d` text (libpcap `bpf_image()` lines) back into a program.
///
/// Each non-blank line is `(N) mnemonic operand` or, for conditional jumps,
/// `(N) mnemonic operand jt T jf F` with absolute targets; `N` must be the
/// line's position in the program. Blanks are free-form and anything after a
/// `;` is ignored. Operands take the forms `TcpdumpImage` prints, and the
/// assembler's spellings too (`#len`, `ret a`, `[x]`).
enum TcpdumpImageParser {
    static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Program {
        var instructions: [Instruction] = []
        let lines = TextLine.split(bytes) { line in line.firstIndex(of: UInt8(ascii: ";")) }
        for line in lines where !line.isBlank(in: bytes) {
            var scanner = TextScanner(bytes: bytes, format: .tcpdumpD, line: line)
            guard instructions.count < ProgramCodec.maximumInstructions else {
                throw scanner.error(.tooManyInstructions(limit: ProgramCodec.maximumInstructions))
            }
            instructions.append(try parseLine(&scanner, index: instructions.count))
        }
        guard !instructions.isEmpty else {
            throw DecodingError(format: .tcpdumpD, location: .text(line: max(lines.count, 1), column: 1), reason: .empty)
        }
        return Program(instructions)
    }

    /// One line: `(N) mnemonic operand [jt T jf F]`.
    static func parseLine(_ scanner: inout TextScanner, index: Int) throws(DecodingError) -> Instruction {
        try scanner.expect("(")
        let (printed, _, indexColumn) = try scanner.integer("an instruction index")
        guard printed == Int64(index) else {
            throw scanner.error(.indexMismatch(expected: index, found: Int(printed)), column: indexColumn)
        }
        try scanner.expect(")")
        scanner.skipBlanks()
        let mnemonicColumn = scanner.column
        guard let mnemonic = scanner.identifier()?.lowercased() else { throw scanner.expected("a mnemonic") }

        var instruction = Instruction(code: 0)
        switch mnemonic {
        case "unimp":
            instruction.code = UInt16(try scanner.unsigned("an opcode", maximum: 0xFFFF))
        case "ja":
            let target = try scanner.word("a jump target")
            instruction.code = InstructionClass.jmp.rawValue | JumpOperation.ja.rawValue
            instruction.k = target &- UInt32(truncatingIfNeeded: index + 1)
        default:
            let candidates = KnownOpcode.named(mnemonic)
            guard !candidates.isEmpty else {
                throw scanner.error(.unknownMnemonic(mnemonic), column: mnemonicColumn)
            }
            scanner.skipBlanks()
            let operandStart = scanner.position
            let operandColumn = scanner.column
            let operand = try OperandSyntax.parse(&scanner)
            guard let known = operand.match(candidates) else {
                let text = String(decoding: scanner.bytes[operandStart..<scanner.position], as: UTF8.self)
                throw scanner.error(.badOperand(mnemonic: mnemonic, operand: text), column: operandColumn)
            }
            instruction.code = known.code
            instruction.k = operand.k
        }
        if KnownOpcode.isConditionalJump(instruction.code) {
            try scanner.expect("jt")
            instruction.jt = try offset(&scanner, index: index)
            try scanner.expect("jf")
            instruction.jf = try offset(&scanner, index: index)
        }
        try scanner.expectEnd()
        return instruction
    }

    /// An absolute jump target, turned into the 8-bit offset from the next instruction.
    private static func offset(_ scanner: inout TextScanner, index: Int) throws(DecodingError) -> UInt8 {
        let (target, text, column) = try scanner.integer("a jump target")
        let offset = target - Int64(index) - 1
        guard offset >= 0 else { throw scanner.error(.backwardJump(target: text), column: column) }
        guard offset <= 255 else { throw scanner.error(.jumpTooFar(target: text, offset: Int(offset)), column: column) }
        return UInt8(offset)
    }
}
