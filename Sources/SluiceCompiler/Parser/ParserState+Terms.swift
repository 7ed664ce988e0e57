/// Terms with qualifiers (`head id`), protocol abbreviations and the
/// keyword primitives (`vlan`, `less`, `llc`...).
extension ParserState {
    /// `head id`, `pqual broadcast|multicast`, or a protocol name alone.
    mutating func qualifiedTerm() throws(CompileError) -> (Filter, Qualifiers?) {
        let start = current.span
        var qualifiers = Qualifiers()
        if let proto = ProtocolQualifier(keyword: current.text) {
            qualifiers.proto = proto
            advance()
        }
        if ["addr1", "addr2", "addr3", "addr4", "address1", "address2", "address3", "address4", "ra", "ta"]
            .contains(current.text), current.kind == .word {
            throw error("'\(current.text)' is valid for 802.11 syntax only", at: current.span)
        }
        if current.is("src") || current.is("dst") {
            let first = advance().text
            let other = first == "src" ? "dst" : "src"
            if (isOr || isAnd) && peek(1).is(other) {
                qualifiers.direction = isAnd ? .sourceAndDestination : .sourceOrDestination
                advance()
                advance()
            } else {
                qualifiers.direction = first == "src" ? .source : .destination
            }
        }
        if current.kind == .word {
            switch current.text {
            case "host", "net", "port", "portrange", "gateway":
                qualifiers.address = AddressQualifier(rawValue: current.text) ?? .none
                advance()
            case "proto", "protochain":
                guard qualifiers.direction == nil else { throw expected("'host', 'net', 'port' or 'portrange'") }
                qualifiers.address = AddressQualifier(rawValue: current.text) ?? .none
                advance()
            case "broadcast", "multicast":
                guard qualifiers.direction == nil else { throw expected("'host', 'net', 'port' or 'portrange'") }
                let isBroadcast = advance().text == "broadcast"
                return (try castTerm(broadcast: isBroadcast, qualifiers.proto, span(from: start)), nil)
            case "type", "subtype", "dir", "direction":
                throw error(Keywords.foreign(current.text) ?? "not supported on DLT_EN10MB", at: current.span)
            default:
                break
            }
        }
        if qualifiers.direction == nil && qualifiers.address == .none {
            guard qualifiers.proto != .none else { throw expected("a primitive") }
            return (try protocolAbbreviation(qualifiers.proto, span(from: start)), nil)
        }
        return (try identifier(qualifiers, start: start), qualifiers)
    }

    /// A protocol name alone (libpcap `gen_proto_abbrev`).
    func protocolAbbreviation(_ proto: ProtocolQualifier, _ span: SourceSpan) throws(CompileError) -> Filter {
        switch proto {
        case .link:
            throw error("link layer applied in wrong context", at: span)
        case .radio:
            throw error("'radio' not supported on DLT_EN10MB", at: span)
        case .none:
            throw error("syntax error: expected a primitive", at: span)
        case .esis: return primitive(.isoProtocol(0x82), span)
        case .isis: return primitive(.isoProtocol(0x83), span)
        case .clnp: return primitive(.isoProtocol(0x81), span)
        case .l1: return isisAny([0x1a, 0x18, 0x12, 0x0f, 0x11], span)
        case .l2: return isisAny([0x1b, 0x19, 0x14, 0x10, 0x11], span)
        case .iih: return isisAny([0x11, 0x0f, 0x10], span)
        case .lsp: return isisAny([0x12, 0x14], span)
        case .snp: return isisAny([0x1b, 0x1a, 0x18, 0x19], span)
        case .csnp: return isisAny([0x18, 0x19], span)
        case .psnp: return isisAny([0x1a, 0x1b], span)
        case .carp: return primitive(.ipProtocol(112, .v4), span)
        default:
            if let entry = IPProtocolNames.table.first(where: { $0.name == proto.rawValue }) {
                return primitive(.ipProtocol(entry.number, entry.version), span)
            }
            if let value = LinkProtocolNames.value(of: proto.rawValue) {
                return primitive(.linkProtocol(value), span)
            }
            throw error("'\(proto.rawValue)' cannot be used alone here", at: span)
        }
    }

    private func isisAny(_ types: [UInt8], _ span: SourceSpan) -> Filter {
        .or(types.map { primitive(.isisPDU($0), span) })
    }

    /// `[proto] broadcast` and `[proto] multicast` (`gen_broadcast`, `gen_multicast`).
    func castTerm(broadcast: Bool, _ proto: ProtocolQualifier, _ span: SourceSpan) throws(CompileError) -> Filter {
        switch (broadcast, proto) {
        case (true, .none), (true, .link): return primitive(.etherBroadcast, span)
        case (false, .none), (false, .link): return primitive(.etherMulticast, span)
        case (true, .ip):
            guard let netmask else { throw error("netmask not known, so 'ip broadcast' not supported", at: span) }
            return primitive(.ipBroadcast(netmask: netmask), span)
        case (false, .ip): return primitive(.ipMulticast, span)
        case (false, .ip6): return primitive(.ipv6Multicast, span)
        case (true, _): throw error("only link-layer/IP broadcast filters supported", at: span)
        case (false, _): throw error("'\(proto.rawValue) multicast' is not supported: only link-layer, IP and IPv6 multicast", at: span)
        }
    }

    /// Keyword primitives: `less`, `greater`, `vlan`, `mpls`, `pppoed`,
    /// `pppoes`, `geneve`, `vxlan`, `llc`, `byte`; nil when the current word
    /// is none of them.
    mutating func specialTerm() throws(CompileError) -> Filter? {
        let start = current.span
        switch current.text {
        case "less", "greater":
            let isLess = advance().text == "less"
            let value = try requiredNumber("a length")
            let relation: Relation = isLess ? .lessOrEqual : .greaterOrEqual
            return primitive(.comparison(.length, relation, .constant(value)), span(from: start))
        case "vlan":
            advance()
            if encapsulation.isPPPoE { throw error("'vlan' not supported on DLT_PPP", at: start) }
            if encapsulation.mplsDepth > 0 { throw error("no VLAN match after MPLS", at: start) }
            let id = try optionalNumber(maximum: 4095, "VLAN tag")
            return pushing(.vlan, primitive(.vlan(id.map { UInt16($0) }), span(from: start)))
        case "mpls":
            advance()
            let label = try optionalNumber(maximum: 1_048_575, "MPLS label")
            return pushing(.mpls, primitive(.mpls(label), span(from: start)))
        case "pppoed":
            advance()
            return primitive(.pppoeDiscovery, span(from: start))
        case "pppoes":
            advance()
            let id = try optionalNumber(maximum: 65535, "PPPoE session number")
            return pushing(.pppoeSession, primitive(.pppoeSession(id.map { UInt16($0) }), span(from: start)))
        case "geneve", "vxlan":
            let isGeneve = advance().text == "geneve"
            let vni = try optionalNumber(maximum: 16_777_215, isGeneve ? "Geneve VNI" : "VXLAN VNI")
            let atom: Atom = isGeneve ? .geneve(vni) : .vxlan(vni)
            return pushing(isGeneve ? .geneve : .vxlan, primitive(atom, span(from: start)))
        case "llc":
            advance()
            var kind: LLCKind?
            if current.kind == .word, !Keywords.all.contains(current.text) || current.text == "rnr" {
                guard let entry = LLCKind.names.first(where: { $0.name == current.text }) else {
                    throw error("unknown LLC type name '\(current.text)'", at: current.span)
                }
                kind = entry.kind
                advance()
            }
            return primitive(.llc(kind), span(from: start))
        case "byte":
            advance()
            let index = try requiredNumber("a byte offset")
            guard current.kind == .symbol, ["&", "|", "<", ">", "=", "=="].contains(current.text) else {
                throw expected("one of '&', '|', '<', '>', '='")
            }
            let op = advance().text
            let value = try requiredNumber("a byte value")
            let byte = ArithmeticExpression.load(.link, offset: .constant(index), size: 1)
            let atom: Atom
            switch op {
            case "<": atom = .comparison(byte, .less, .constant(value))
            case ">": atom = .comparison(byte, .greater, .constant(value))
            case "&": atom = .comparison(.binary(.and, byte, .constant(value)), .notEqual, .constant(0))
            case "|": atom = .comparison(.binary(.or, byte, .constant(value)), .notEqual, .constant(0))
            default: atom = .comparison(byte, .equal, .constant(value))
            }
            return primitive(atom, span(from: start))
        default:
            return nil
        }
    }

    /// Records that later primitives see one more header, and returns `filter`.
    private mutating func pushing(_ layer: EncapsulationLayer, _ filter: Filter) -> Filter {
        encapsulation = encapsulation.appending(layer)
        return filter
    }

    /// `pnum`: a number, possibly in parentheses.
    mutating func requiredNumber(_ what: String) throws(CompileError) -> UInt32 {
        if current.is("(") {
            advance()
            let value = try requiredNumber(what)
            _ = try expect(")", "')'")
            return value
        }
        guard current.kind == .word, let value = NamedValues.number(current.text) else {
            if current.kind == .word, AddressParser.looksNumeric(current.text) {
                throw error("number '\(current.text)' does not fit in 32 bits", at: current.span)
            }
            throw expected(what)
        }
        advance()
        return value
    }

    /// An optional `pnum` after `vlan`, `mpls`, ..., checked against `maximum`.
    mutating func optionalNumber(maximum: UInt32, _ what: String) throws(CompileError) -> UInt32? {
        let isNumber = current.kind == .word && (NamedValues.number(current.text) != nil || AddressParser.looksNumeric(current.text))
        guard isNumber || (current.is("(") && peek(1).kind == .word && NamedValues.number(peek(1).text) != nil) else {
            return nil
        }
        let start = current.span
        let value = try requiredNumber(what)
        if value > maximum {
            throw error("\(what) \(value) greater than maximum \(maximum)", at: span(from: start))
        }
        return value
    }
}
