/// The assembler for text: reads back what the disassembler writes
/// (`bpftool prog dump xlated` syntax), with or without the `N: (code)`
/// prefix, one instruction per line; blank lines and `;` comments are skipped.
extension EBPFProgram {
    /// Parses `text`; an error names the line and what was expected.
    public init(assembling text: String) throws(EBPFParseError) {
        var instructions: [EBPFInstruction] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            line = line.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty { continue }
            // Optional "N: (xx) " prefix.
            if let colon = line.firstIndex(of: ":"), line[..<colon].allSatisfy(\.isNumber) {
                line = line[line.index(after: colon)...].drop { $0 == " " }
            }
            if line.hasPrefix("("), let close = line.firstIndex(of: ")") {
                line = line[line.index(after: close)...].drop { $0 == " " }
            }
            do {
                instructions += try EBPFLineParser(words: EBPFLineParser.words(of: line)).parse()
            } catch let reason {
                throw EBPFParseError(line: number + 1, text: String(rawLine), reason: reason.message)
            }
        }
        self.init(instructions)
    }
}

/// A line of eBPF assembly that could not be read.
public struct EBPFParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// The line as written.
    public var text: String
    /// What was expected.
    public var reason: String
    public var description: String { "line \(line): \(reason): \(text)" }
}

/// Why one line failed (wrapped into `EBPFParseError` with its line).
struct EBPFLineError: Error { var message: String }

/// Parses the words of one instruction.
struct EBPFLineParser {
    let words: [String]

    /// Splits at spaces, keeping a memory operand `*(u32 *)(r1 +4)` as one
    /// word `*(u32 *)(r1 +4)`.
    static func words(of line: Substring) -> [String] {
        var words: [String] = []
        var pending: [Substring] = []
        for word in line.split(separator: " ") {
            if !pending.isEmpty || word.hasPrefix("*(") {
                pending.append(word)
                if pending.count == 3 { words.append(pending.joined(separator: " ")); pending = [] }
            } else {
                words.append(String(word))
            }
        }
        if !pending.isEmpty { words.append(pending.joined(separator: " ")) }
        return words
    }

    /// `*(u32 *)(r1 +4)` → size, base register, offset.
    static func memoryOperand(_ word: String) -> (EBPFSize, EBPFRegister, Int16)? {
        for size in EBPFSize.allCases {
            let prefix = "*(\(size.typeName) *)("
            guard word.hasPrefix(prefix), word.hasSuffix(")") else { continue }
            let inner = word.dropFirst(prefix.count).dropLast().split(separator: " ")
            guard inner.count == 2, let (base, _) = register(String(inner[0])), let offset = Int16(inner[1]) else { return nil }
            return (size, base, offset)
        }
        return nil
    }

    func parse() throws(EBPFLineError) -> [EBPFInstruction] {
        guard let first = words.first else { throw EBPFLineError(message: "empty instruction") }
        switch first {
        case "exit": return [.exit]
        case "goto": return [.ja(offset: try pcOffset(at: 1))]
        case "gotol": return [.gotol(distance: try pcOffset(at: 1))]  // what branch relaxation writes past 16 bits
        case "call":
            guard words.count == 2, let hash = words[1].lastIndex(of: "#"),
                  let id = Int32(words[1][words[1].index(after: hash)...]) else { throw EBPFLineError(message: "expected call name#id") }
            return [.call(EBPFHelper(rawValue: id))]
        case "if": return [try conditional()]
        default: break
        }
        if first.hasPrefix("*(") { return [try store()] }
        return try assignment()
    }

    /// `if rD op (rS|imm) goto pc+N` (w registers: JMP32).
    func conditional() throws(EBPFLineError) -> EBPFInstruction {
        guard words.count == 6, words[4] == "goto",
              let (dst, wide) = Self.register(words[1]),
              let op = EBPFJumpOperation.allCases.first(where: { $0.symbol == words[2] }) else {
            throw EBPFLineError(message: "expected if REG OP OPERAND goto pc+N")
        }
        let offset: Int16 = try pcOffset(at: 5)
        var instruction: EBPFInstruction
        if let (src, _) = Self.register(words[3]) {
            instruction = .jmp(op, dst, src, offset: offset)
        } else {
            instruction = .jmp(op, dst, imm: try Self.immediate(words[3]), offset: offset)
        }
        if !wide { instruction.code = (instruction.code & ~0x07) | EBPFClass.jmp32.rawValue }
        return instruction
    }

    /// `*(size *)(rD +off) = rS|imm`.
    func store() throws(EBPFLineError) -> EBPFInstruction {
        guard words.count == 3, words[1] == "=", let (size, dst, off) = Self.memoryOperand(words[0]) else {
            throw EBPFLineError(message: "expected *(SIZE *)(REG +OFF) = VALUE")
        }
        if let (src, _) = Self.register(words[2]) { return .stx(size, dst: dst, off: off, src: src) }
        return .st(size, dst: dst, off: off, imm: try Self.immediate(words[2]))
    }

    /// `rD = …`, `rD op= …`.
    func assignment() throws(EBPFLineError) -> [EBPFInstruction] {
        guard words.count >= 3, let (dst, wide) = Self.register(words[0]) else {
            throw EBPFLineError(message: "expected REG = VALUE, REG OP= VALUE, if, goto, call or exit")
        }
        let cls: EBPFClass = wide ? .alu64 : .alu
        let op = words[1], rest = Array(words[2...])
        if op == "=" {
            if rest.count == 1, let (size, src, off) = Self.memoryOperand(rest[0]) {
                return [.ldx(size, dst: dst, src: src, off: off)]
            }
            if rest.count == 2, let bits = Self.swap(rest[0]), Self.register(rest[1])?.0 == dst {
                return [EBPFInstruction(code: (bits.order == nil ? EBPFClass.alu64 : .alu).rawValue | EBPFALUOperation.end.rawValue
                                            | (bits.order ?? .little).rawValue, dst: dst.rawValue, imm: bits.width)]
            }
            if rest.count == 1, rest[0].hasPrefix("-"), let (src, _) = Self.register(String(rest[0].dropFirst())), src == dst {
                return [wide ? .neg64(dst) : .neg32(dst)]
            }
            if rest.count == 1, rest[0].hasPrefix("map[fd:"), let fd = Int32(rest[0].dropFirst(7).dropLast()) {
                return EBPFInstruction.loadMapFD(dst, fd: fd)
            }
            // The disassembler prints `lddw` constants in hex, `mov` immediates in decimal.
            if rest.count == 1, wide, rest[0].hasPrefix("0x"), let value = UInt64(rest[0].dropFirst(2), radix: 16) {
                return EBPFInstruction.lddw(dst, value)
            }
        }
        guard rest.count == 1, let aluOp = EBPFALUOperation.allCases.first(where: { $0.symbol == op }) else {
            throw EBPFLineError(message: "unknown operation '\(op)'")
        }
        if let (src, _) = Self.register(rest[0]) {
            return [EBPFInstruction(code: cls.rawValue | aluOp.rawValue | EBPFSource.x.rawValue, dst: dst.rawValue, src: src.rawValue)]
        }
        return [EBPFInstruction(code: cls.rawValue | aluOp.rawValue, dst: dst.rawValue, imm: try Self.immediate(rest[0]))]
    }

    func pcOffset<Distance: FixedWidthInteger>(at index: Int) throws(EBPFLineError) -> Distance {
        guard index < words.count, words[index].hasPrefix("pc"), let value = Distance(words[index].dropFirst(2)) else {
            throw EBPFLineError(message: "expected pc+N or pc-N")
        }
        return value
    }

    /// `rN` (64-bit) or `wN` (32-bit).
    static func register(_ word: String) -> (EBPFRegister, Bool)? {
        guard let kind = word.first, kind == "r" || kind == "w", let n = UInt8(word.dropFirst()),
              let register = EBPFRegister(rawValue: n) else { return nil }
        return (register, kind == "r")
    }

    /// A decimal or 0x-hex immediate that fits 32 bits (signed or unsigned).
    static func immediate(_ word: String) throws(EBPFLineError) -> Int32 {
        if word.hasPrefix("0x"), let value = UInt32(word.dropFirst(2), radix: 16) { return Int32(bitPattern: value) }
        if let value = Int32(word) { return value }
        if let value = UInt32(word) { return Int32(bitPattern: value) }
        throw EBPFLineError(message: "expected a 32-bit immediate, found '\(word)'")
    }

    /// `be16`, `le32`, `bswap64` → byte order (nil for bswap) and width.
    static func swap(_ word: String) -> (order: EBPFByteOrder?, width: Int32)? {
        for (prefix, order) in [("be", EBPFByteOrder.big), ("le", .little)] as [(String, EBPFByteOrder)]
        where word.hasPrefix(prefix) {
            return Int32(word.dropFirst(2)).map { (order, $0) }
        }
        if word.hasPrefix("bswap"), let width = Int32(word.dropFirst(5)) { return (nil, width) }
        return nil
    }
}
