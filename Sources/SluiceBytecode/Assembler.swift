/// Sluice's assembler: classic BPF written by hand, with labels
/// (`docs/assembler.md`). Mnemonics and operands are libpcap `bpf_image`'s,
/// jumps name labels instead of offsets:
///
/// ```
///         ldh  [12]
///         jeq  #0x800, ipv4, drop   ; jt to ipv4, jf to drop
/// ipv4:   ldb  [23]
///         jeq  #6, accept           ; jf falls through
/// drop:   ret  #0
/// accept: ret  #65535
/// ```
///
/// Every error names its line and column: unknown mnemonic, bad operand,
/// undefined or duplicate label, backward jump, `jt`/`jf` beyond 255.
public enum Assembler {
    /// Assembles `source` (UTF-8 text).
    public static func assemble(_ source: String) throws(DecodingError) -> Program {
        try decode(Array(source.utf8))
    }

    static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Program {
        var statements: [Statement] = []
        var labels: [String: (index: Int, line: Int)] = [:]
        let lines = TextLine.split(bytes, commentStart: commentStart)
        for line in lines {
            var scanner = TextScanner(bytes: bytes, format: .assembly, line: line)
            while let (name, column) = labelDefinition(&scanner) {
                if let first = labels[name] {
                    throw scanner.error(.duplicateLabel(name, firstLine: first.line), column: column)
                }
                labels[name] = (statements.count, line.number)
            }
            guard !scanner.atEnd else { continue }
            guard statements.count < ProgramCodec.maximumInstructions else {
                throw scanner.error(.tooManyInstructions(limit: ProgramCodec.maximumInstructions))
            }
            statements.append(try parseStatement(&scanner))
        }
        guard !statements.isEmpty else {
            throw DecodingError(format: .assembly, location: .text(line: max(lines.count, 1), column: 1), reason: .empty)
        }
        let targets = labels.mapValues(\.index)
        var instructions: [Instruction] = []
        instructions.reserveCapacity(statements.count)
        for (index, statement) in statements.enumerated() {
            instructions.append(try statement.resolve(index: index, labels: targets))
        }
        return Program(instructions)
    }

    /// Where a comment starts: at `;`, or at `#` when it begins the line or a blank follows it
    /// (`#0x800` and `#len` are operands, `# note` is a comment).
    static func commentStart(_ line: ArraySlice<UInt8>) -> Int? {
        var sawContent = false
        for index in line.indices {
            let byte = line[index]
            if byte == UInt8(ascii: ";") { return index }
            if byte == UInt8(ascii: "#") {
                let next = index + 1 < line.endIndex ? line[index + 1] : nil
                if !sawContent || next.map(TextScanner.isBlank) ?? true { return index }
            }
            if !TextScanner.isBlank(byte) { sawContent = true }
        }
        return nil
    }

    /// `name:` at the scanner, consumed if present.
    private static func labelDefinition(_ scanner: inout TextScanner) -> (String, Int)? {
        var lookahead = scanner
        lookahead.skipBlanks()
        let column = lookahead.column
        guard let name = lookahead.identifier(), lookahead.peek == UInt8(ascii: ":") else { return nil }
        lookahead.position += 1
        scanner = lookahead
        return (name, column)
    }

    /// One instruction: `mnemonic [operand] [, target [, target]]` or `.insn code, jt, jf, k`.
    private static func parseStatement(_ scanner: inout TextScanner) throws(DecodingError) -> Statement {
        scanner.skipBlanks()
        let mnemonicColumn = scanner.column
        guard let written = scanner.identifier()?.lowercased() else { throw scanner.expected("a mnemonic or label") }
        if written == ".insn" { return .resolved(try rawInstruction(&scanner)) }
        if written == "ja" || written == "jmp" {
            let target = try reference(&scanner)
            try scanner.expectEnd()
            return .always(target)
        }
        let (mnemonic, negated) = Assembler.negations[written] ?? (written, false)
        var candidates = KnownOpcode.named(mnemonic)
        if mnemonic == "ldx" { candidates += KnownOpcode.named("ldxb") }
        guard !candidates.isEmpty else { throw scanner.error(.unknownMnemonic(written), column: mnemonicColumn) }
        scanner.skipBlanks()
        let operandStart = scanner.position
        let operandColumn = scanner.column
        let operand = try OperandSyntax.parse(&scanner)
        guard let known = operand.match(candidates) else {
            let text = String(decoding: scanner.bytes[operandStart..<scanner.position], as: UTF8.self)
            throw scanner.error(.badOperand(mnemonic: written, operand: text), column: operandColumn)
        }
        let instruction = Instruction(code: known.code, k: operand.k)
        guard known.usesJumpOffsets else {
            try scanner.expectEnd()
            return .resolved(instruction)
        }
        try scanner.expect(",")
        let first = try reference(&scanner)
        let second = scanner.consume(",") ? try reference(&scanner) : nil
        try scanner.expectEnd()
        // `jne #k, a, b` is `jeq #k, b, a`; a missing target is the next instruction.
        if negated { return .conditional(instruction, true: second, false: first) }
        return .conditional(instruction, true: first, false: second)
    }

    /// `.insn code, jt, jf, k`: any bit pattern, jt/jf as raw offsets.
    private static func rawInstruction(_ scanner: inout TextScanner) throws(DecodingError) -> Instruction {
        let code = try scanner.unsigned("an opcode (16 bits)", maximum: 0xFFFF)
        try scanner.expect(",")
        let jt = try scanner.unsigned("jt (8 bits)", maximum: 0xFF)
        try scanner.expect(",")
        let jf = try scanner.unsigned("jf (8 bits)", maximum: 0xFF)
        try scanner.expect(",")
        let k = try scanner.word("k (32 bits)")
        try scanner.expectEnd()
        return Instruction(code: UInt16(code), jt: UInt8(jt), jf: UInt8(jf), k: k)
    }

    /// A label used as a jump target.
    private static func reference(_ scanner: inout TextScanner) throws(DecodingError) -> LabelReference {
        scanner.skipBlanks()
        let column = scanner.column
        guard let name = scanner.identifier() else { throw scanner.expected("a label") }
        return LabelReference(name: name, line: scanner.line, column: column)
    }

    /// Mnemonics for the opposite test: the assembler swaps their targets.
    static let negations: [String: (String, Bool)] = [
        "jne": ("jeq", true), "jneq": ("jeq", true), "jlt": ("jge", true), "jle": ("jgt", true),
    ]
}

/// A label named by a jump, and where.
struct LabelReference {
    var name: String
    var line: Int
    var column: Int

    /// The offset from the instruction after `index` to the label.
    func offset(from index: Int, labels: [String: Int], limit: Int) throws(DecodingError) -> Int {
        guard let target = labels[name] else { throw error(.undefinedLabel(name)) }
        let offset = target - index - 1
        guard offset >= 0 else { throw error(.backwardJump(target: name)) }
        guard offset <= limit else { throw error(.jumpTooFar(target: name, offset: offset)) }
        return offset
    }

    func error(_ reason: DecodingError.Reason) -> DecodingError {
        DecodingError(format: .assembly, location: .text(line: line, column: column), reason: reason)
    }
}

/// A parsed instruction whose jump targets may still be labels.
enum Statement {
    case resolved(Instruction)
    case always(LabelReference)
    case conditional(Instruction, true: LabelReference?, false: LabelReference?)

    func resolve(index: Int, labels: [String: Int]) throws(DecodingError) -> Instruction {
        switch self {
        case .resolved(let instruction):
            return instruction
        case .always(let target):
            let offset = try target.offset(from: index, labels: labels, limit: Int(UInt32.max))
            return .jump(UInt32(offset))
        case .conditional(var instruction, let onTrue, let onFalse):
            instruction.jt = UInt8(try onTrue?.offset(from: index, labels: labels, limit: 255) ?? 0)
            instruction.jf = UInt8(try onFalse?.offset(from: index, labels: labels, limit: 255) ?? 0)
            return instruction
        }
    }
}
