/// An operand as written in `-d` text or assembly, before it is matched
/// with a mnemonic. Both formats share this grammar: libpcap's `bpf_image`
/// operands, plus a few spellings people type (`#len`, `ret a`, `[x]`).
enum OperandSyntax: Hashable, Sendable {
    case none
    case immediate(UInt32)
    case length
    case absolute(UInt32)
    case indirect(UInt32)
    case scratch(UInt32)
    case headerLength(UInt32)
    case x
    case a

    /// The `k` the operand carries (0 for operands without one).
    var k: UInt32 {
        switch self {
        case .immediate(let k), .absolute(let k), .indirect(let k), .scratch(let k), .headerLength(let k): k
        case .none, .length, .x, .a: 0
        }
    }

    /// Whether this operand can be written for an opcode whose operand is `kind`.
    func fits(_ kind: OperandKind, mnemonic: String) -> Bool {
        switch (self, kind) {
        case (.none, .none), (.length, .length), (.absolute, .absolute), (.indirect, .indirect),
             (.scratch, .scratch), (.headerLength, .headerLength), (.x, .x),
             (.immediate, .hexadecimal), (.immediate, .decimal):
            true
        case (.a, .none):
            mnemonic == "ret"
        default:
            false
        }
    }

    /// The known opcode among `candidates` that this operand fits, if any.
    func match(_ candidates: [KnownOpcode]) -> KnownOpcode? {
        candidates.first { fits($0.operand, mnemonic: $0.mnemonic) }
    }

    /// Reads an operand up to the next `,`, `jt`, or the end of the line.
    static func parse(_ scanner: inout TextScanner) throws(DecodingError) -> OperandSyntax {
        scanner.skipBlanks()
        guard let byte = scanner.peek, byte != UInt8(ascii: ",") else { return .none }
        switch byte {
        case UInt8(ascii: "#"):
            scanner.position += 1
            if scanner.identifierFollows {
                return try named(&scanner, allowLength: true)
            }
            return .immediate(try scanner.word("an immediate value"))
        case UInt8(ascii: "["):
            scanner.position += 1
            let operand = try bracketed(&scanner)
            try scanner.expect("]")
            return operand
        case UInt8(ascii: "M"), UInt8(ascii: "m"):
            if scanner.consume("m[") {
                let k = try scanner.word("a scratch index")
                try scanner.expect("]")
                return .scratch(k)
            }
        case UInt8(ascii: "4"):
            var lookahead = scanner
            if lookahead.consume("4"), lookahead.consume("*") {
                scanner = lookahead
                try scanner.expect("(")
                try scanner.expect("[")
                let k = try scanner.word("an offset")
                for piece in ["]", "&", "0xf", ")"] { try scanner.expect(piece) }
                return .headerLength(k)
            }
        default:
            break
        }
        if scanner.identifierFollows {
            return try named(&scanner, allowLength: false)
        }
        throw scanner.expected("an operand")
    }

    /// `x`, `a`, an ancillary name, or (after `#`) `len`/`pktlen`.
    private static func named(_ scanner: inout TextScanner, allowLength: Bool) throws(DecodingError) -> OperandSyntax {
        let column = scanner.column
        let name = scanner.identifier() ?? ""
        let lowered = name.lowercased()
        if allowLength, lowered == "len" || lowered == "pktlen" { return .length }
        if !allowLength, lowered == "x" { return .x }
        if !allowLength, lowered == "a" { return .a }
        if let ancillary = Ancillary(name: name) { return .absolute(ancillary.offset) }
        throw scanner.error(.expected("an operand", found: "'\(name)'"), column: column)
    }

    /// Inside `[...]`: `x + k`, `x`, `k`, or an ancillary name.
    private static func bracketed(_ scanner: inout TextScanner) throws(DecodingError) -> OperandSyntax {
        if scanner.identifierFollows {
            var lookahead = scanner
            let column = lookahead.column
            let name = lookahead.identifier() ?? ""
            if name.lowercased() == "x" {
                scanner = lookahead
                if scanner.consume("+") { return .indirect(try scanner.word("an offset")) }
                return .indirect(0)
            }
            guard let ancillary = Ancillary(name: name) else {
                throw scanner.error(.expected("an offset or ancillary name", found: "'\(name)'"), column: column)
            }
            scanner = lookahead
            return .absolute(ancillary.offset)
        }
        return .absolute(try scanner.word("an offset"))
    }
}
