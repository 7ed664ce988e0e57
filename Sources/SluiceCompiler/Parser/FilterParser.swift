/// Parses pcap-filter(7) text into the Filter IR, with libpcap's grammar
/// and meaning on Ethernet (DLT_EN10MB): qualifier inheritance, the offset
/// changes after `vlan`/`mpls`/`pppoes`/`geneve`/`vxlan` (recorded as each
/// primitive's `Encapsulation`), and libpcap's semantic errors.
///
/// Names that need a name service (host names, /etc/ethers, /etc/networks)
/// are rejected with an error asking for numbers; protocol and well-known
/// service names come from fixed tables.
public enum FilterParser {
    /// The IR of `text`; the empty expression matches everything.
    public static func parse(_ text: String) throws(CompileError) -> Filter {
        try parse(text, netmask: nil)
    }

    /// The IR of `text`, with the network's netmask for `ip broadcast`
    /// (pcap_compile's `netmask` argument; nil is PCAP_NETMASK_UNKNOWN).
    public static func parse(_ text: String, netmask: UInt32?) throws(CompileError) -> Filter {
        var parser = try ParserState(text: text, netmask: netmask)
        return try parser.program()
    }

    /// Deepest nesting of parentheses, `not` and arithmetic accepted, so
    /// that no input can exhaust the stack.
    public static let maximumNesting = 200
}

/// The recursive-descent parser over libpcap's grammar (`grammar.y`).
struct ParserState {
    let text: String
    let tokens: [Token]
    let netmask: UInt32?
    var position = 0
    var depth = 0
    /// libpcap's offset state: what `vlan`, `mpls`, ... so far have pushed.
    var encapsulation = Encapsulation.none

    init(text: String, netmask: UInt32?) throws(CompileError) {
        self.text = text
        self.netmask = netmask
        self.tokens = try Lexer(text).tokens()
    }

    // MARK: - Token access

    var current: Token { tokens[position] }

    func peek(_ offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func error(_ message: String, at span: SourceSpan) -> CompileError {
        CompileError(message, at: span, in: text)
    }

    /// "expected X, found 'Y'" at the current token.
    func expected(_ what: String) -> CompileError {
        let found = current.kind == .end ? "the end of the expression" : "'\(current.text)'"
        return error("syntax error: expected \(what), found \(found)", at: current.span)
    }

    mutating func expect(_ symbol: String, _ what: String) throws(CompileError) -> Token {
        guard current.is(symbol) else { throw expected(what) }
        return advance()
    }

    mutating func enter() throws(CompileError) {
        depth += 1
        if depth > FilterParser.maximumNesting {
            throw error("expression nested too deeply (more than \(FilterParser.maximumNesting) levels)", at: current.span)
        }
    }

    var isAnd: Bool { current.is("and") || current.is("&&") }
    var isOr: Bool { current.is("or") || current.is("||") }
    var isNot: Bool { current.is("not") || current.is("!") }

    /// A primitive stamped with the current encapsulation.
    func primitive(_ atom: Atom, _ span: SourceSpan) -> Filter {
        .primitive(Primitive(atom, encapsulation: encapsulation, span: span))
    }

    /// The span from `start` to the end of the last consumed token.
    func span(from start: SourceSpan) -> SourceSpan {
        SourceSpan(start: start.start, end: tokens[max(0, position - 1)].span.end)
    }

    // MARK: - Expressions

    mutating func program() throws(CompileError) -> Filter {
        if current.kind == .end { return .always }
        let (filter, _) = try expression()
        guard current.kind == .end else { throw expected("'and', 'or' or the end of the expression") }
        return filter
    }

    /// `expr: term | expr and term | expr and id | expr or term | expr or id`.
    mutating func expression() throws(CompileError) -> (Filter, Qualifiers?) {
        var (first, qualifiers) = try term()
        // `and` and `or` bind equally, from the left. A run of the same
        // operator collects its operands in one array (what `&&`/`||` would
        // build one term at a time, without copying it for every term).
        var chain = OperatorChain(first)
        while isAnd || isOr {
            let conjunction = isAnd
            advance()
            let rhs: Filter
            if startsBareID(at: position) {
                guard let inherited = qualifiers else {
                    throw error("syntax error: '\(current.text)' has no qualifier (host, net, port, proto...) and the term before it has none to lend",
                                at: current.span)
                }
                rhs = try identifier(inherited, start: current.span)
            } else {
                (rhs, qualifiers) = try term()
            }
            chain.append(rhs, conjunction: conjunction)
        }
        return (chain.filter, qualifiers)
    }

    /// `term: rterm | not term`; returns the qualifiers a following bare id inherits.
    mutating func term() throws(CompileError) -> (Filter, Qualifiers?) {
        try enter()
        defer { depth -= 1 }
        if isNot {
            advance()
            let (operand, qualifiers) = try term()
            return (.not(operand), qualifiers)
        }
        if current.is("(") {
            if parenthesisStartsArithmetic() { return (try relation(), nil) }
            advance()
            let (inner, _) = try expression()
            _ = try expect(")", "')'")
            return (inner, nil)
        }
        if current.is("-") { return (try relation(), nil) }
        guard current.kind == .word else {
            if current.kind == .escaped {
                throw error("syntax error: '\\\(current.text)' needs a qualifier such as 'ether proto' or 'ip proto'", at: current.span)
            }
            throw expected("a primitive (host, net, port, a protocol, or a comparison)")
        }
        let word = current.text
        if ProtocolQualifier(keyword: word) != nil {
            if peek(1).is("[") { return (try relation(), nil) }
            return try qualifiedTerm()
        }
        switch word {
        case "src", "dst", "host", "net", "port", "portrange", "gateway", "proto", "protochain",
             "broadcast", "multicast", "addr1", "addr2", "addr3", "addr4", "address1", "address2",
             "address3", "address4", "ra", "ta":
            return try qualifiedTerm()
        case "len":
            return (try relation(), nil)
        default:
            if let special = try specialTerm() { return (special, nil) }
        }
        if NamedValues.number(word) != nil || AddressParser.looksNumeric(word) {
            return (try relation(), nil)
        }
        if let message = Keywords.foreign(word) { throw error(message, at: current.span) }
        if Keywords.all.contains(word) { throw expected("a primitive") }
        throw error("syntax error: '\(word)' needs a qualifier (host, net, port...) before it", at: current.span)
    }

    /// True when the token at `index` starts an `id` (an address, number or
    /// name without qualifiers), which inherits the previous qualifiers.
    func startsBareID(at index: Int) -> Bool {
        var index = index
        while index < tokens.count, tokens[index].is("not") || tokens[index].is("!") { index += 1 }
        guard index < tokens.count else { return false }
        let token = tokens[index]
        switch token.kind {
        case .escaped:
            return true
        case .word:
            if Keywords.all.contains(token.text) { return false }
            if NamedValues.number(token.text) != nil || AddressParser.looksNumeric(token.text) {
                let next = tokens[min(index + 1, tokens.count - 1)]
                return !(next.kind == .symbol && !next.is("(") && !next.is(")") && !next.is("!")
                         && !next.is("&&") && !next.is("||"))
            }
            return true
        case .symbol:
            return token.is("(") && startsBareID(at: index + 1)
        case .end:
            return false
        }
    }

    /// True when the `(` at the current position opens arithmetic: the token
    /// after its matching `)` is an arithmetic operator or a relation.
    func parenthesisStartsArithmetic() -> Bool {
        var level = 0
        var index = position
        while index < tokens.count {
            let token = tokens[index]
            if token.is("(") { level += 1 }
            if token.is(")") {
                level -= 1
                if level == 0 {
                    let next = tokens[min(index + 1, tokens.count - 1)]
                    return next.kind == .symbol && ArithmeticParsing.continuesArithmetic(next.text)
                }
            }
            if token.kind == .end { return false }
            index += 1
        }
        return false
    }
}

/// A left-to-right chain of `and`/`or`, equal to folding the operands with
/// `Filter.&&` and `Filter.||` (which flatten nested conjunctions and
/// disjunctions), in time linear in the number of operands.
struct OperatorChain {
    private var operands: [Filter]
    /// The operator of the run being collected; nil before the first.
    private var conjunction: Bool?

    init(_ first: Filter) {
        operands = [first]
    }

    mutating func append(_ operand: Filter, conjunction: Bool) {
        if let current = self.conjunction, current != conjunction {
            operands = [filter]
        }
        if self.conjunction != conjunction {
            // The first operand of the run is flattened as `&&`/`||` would.
            operands = conjunction ? operands[0].conjuncts : operands[0].disjuncts
            self.conjunction = conjunction
        }
        operands += conjunction ? operand.conjuncts : operand.disjuncts
    }

    /// The chain so far as one filter.
    var filter: Filter {
        switch conjunction {
        case nil: operands[0]
        case true?: .and(operands)
        case false?: .or(operands)
        }
    }
}
