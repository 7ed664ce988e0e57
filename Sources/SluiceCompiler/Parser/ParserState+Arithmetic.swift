/// Operator tables of libpcap's `arth` grammar: `|` binds loosest, then
/// `^`, `&`, shifts, `+ -`, `* / %`, then unary minus.
enum ArithmeticParsing {
    static let precedence: [String: Int] = [
        "|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
    ]

    static let relations: [String: Relation] = [
        "=": .equal, "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual,
        ">": .greater, ">=": .greaterOrEqual,
    ]

    /// True when `symbol` can follow an arithmetic operand.
    static func continuesArithmetic(_ symbol: String) -> Bool {
        precedence[symbol] != nil || relations[symbol] != nil
    }
}

extension ParserState {
    /// `arth relop arth` (`gen_relation`).
    mutating func relation() throws(CompileError) -> Filter {
        let start = current.span
        let lhs = try arithmetic(minimumPrecedence: 1)
        guard current.kind == .symbol, let relation = ArithmeticParsing.relations[current.text] else {
            throw expected("a comparison (=, !=, <, <=, >, >=)")
        }
        advance()
        let rhs = try arithmetic(minimumPrecedence: 1)
        return primitive(.comparison(lhs, relation, rhs), span(from: start))
    }

    /// Precedence climbing over the binary operators.
    mutating func arithmetic(minimumPrecedence: Int) throws(CompileError) -> ArithmeticExpression {
        var lhs = try arithmeticOperand()
        while current.kind == .symbol, let level = ArithmeticParsing.precedence[current.text], level >= minimumPrecedence {
            let operatorToken = advance()
            let rhs = try arithmetic(minimumPrecedence: level + 1)
            guard let op = ArithmeticOperator(rawValue: operatorToken.text) else { throw expected("an operator") }
            try checkConstantOperand(op, rhs, operatorToken.span)
            lhs = .binary(op, lhs, rhs)
        }
        return lhs
    }

    /// libpcap rejects a constant zero divisor and constant shifts past 31.
    private func checkConstantOperand(_ op: ArithmeticOperator, _ rhs: ArithmeticExpression, _ span: SourceSpan) throws(CompileError) {
        guard case .constant(let value) = rhs else { return }
        switch op {
        case .divide where value == 0: throw error("division by zero", at: span)
        case .modulo where value == 0: throw error("modulus by zero", at: span)
        case .shiftLeft where value > 31, .shiftRight where value > 31:
            throw error("shift by more than 31 bits", at: span)
        default: break
        }
    }

    /// A number, `len`, `proto[expr : size]`, `-operand` or `( arth )`.
    mutating func arithmeticOperand() throws(CompileError) -> ArithmeticExpression {
        try enter()
        defer { depth -= 1 }
        if current.is("-") {
            advance()
            return .negate(try arithmeticOperand())
        }
        if current.is("(") {
            advance()
            let inner = try arithmetic(minimumPrecedence: 1)
            _ = try expect(")", "')'")
            return inner
        }
        guard current.kind == .word else { throw expected("a number, 'len' or a packet field such as ip[0]") }
        let word = current.text
        if word == "len" {
            advance()
            return .length
        }
        if let value = NamedValues.number(word) {
            advance()
            return .constant(value)
        }
        if AddressParser.looksNumeric(word) {
            throw error("number '\(word)' does not fit in 32 bits", at: current.span)
        }
        if let proto = ProtocolQualifier(keyword: word), peek(1).is("[") {
            let nameToken = advance()
            advance()
            guard let layer = packetLayer(proto) else {
                throw error("'\(word)' does not support the index operation", at: nameToken.span)
            }
            let offset = try arithmetic(minimumPrecedence: 1)
            var size: UInt32 = 1
            if current.is(":") {
                advance()
                let sizeToken = current
                size = try requiredNumber("a size (1, 2 or 4)")
                guard [1, 2, 4].contains(size) else {
                    throw error("data size must be 1, 2, or 4", at: sizeToken.span)
                }
            }
            _ = try expect("]", "']'")
            return .load(layer, offset: offset, size: Int(size))
        }
        throw expected("a number, 'len' or a packet field such as ip[0]")
    }

    /// The header a `proto[...]` load is relative to (`gen_load`).
    private func packetLayer(_ proto: ProtocolQualifier) -> PacketLayer? {
        switch proto {
        case .link: .link
        case .ip: .ip
        case .ip6: .ip6
        case .arp: .arp
        case .rarp: .rarp
        case .tcp: .tcp
        case .udp: .udp
        case .icmp: .icmp
        case .igmp: .igmp
        case .igrp: .igrp
        case .pim: .pim
        case .vrrp: .vrrp
        case .carp: .carp
        case .sctp: .sctp
        case .icmp6: .icmp6
        case .atalk: .atalk
        case .decnet: .decnet
        case .sca: .sca
        case .lat: .lat
        case .moprc: .moprc
        case .mopdl: .mopdl
        default: nil
        }
    }
}
