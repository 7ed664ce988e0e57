/// The `id` of a qualified term and what it means under its qualifiers
/// (libpcap `gen_ncode`, `gen_mcode`, `gen_mcode6`, `gen_ecode`, `gen_scode`).
extension ParserState {
    /// `id: nid | pnum | '(' pid ')'`, with `nid: ... | not id`.
    mutating func identifier(_ qualifiers: Qualifiers, start: SourceSpan) throws(CompileError) -> Filter {
        try enter()
        defer { depth -= 1 }
        if isNot {
            advance()
            return .not(try identifier(qualifiers, start: current.span))
        }
        if current.is("(") {
            advance()
            var result = try identifier(qualifiers, start: current.span)
            while isAnd || isOr {
                let conjunction = isAnd
                advance()
                let rhs = try identifier(qualifiers, start: current.span)
                result = conjunction ? result && rhs : result || rhs
            }
            _ = try expect(")", "')'")
            return result
        }
        let token = current
        switch token.kind {
        case .escaped:
            advance()
            do { return try nameCode(token.text, qualifiers, span(from: start)) } catch { throw anchored(error, at: token.span) }
        case .word where !Keywords.all.contains(token.text):
            advance()
            do { return try wordCode(token.text, qualifiers, start: start) } catch { throw anchored(error, at: token.span) }
        default:
            throw expected("a host, network, port or protocol")
        }
    }

    /// The error pointing at the id (from `span` to the last token read),
    /// not at the whole term.
    private func anchored(_ error: CompileError, at span: SourceSpan) -> CompileError {
        var anchoredError = error
        anchoredError.span = self.span(from: span)
        return anchoredError
    }

    private mutating func wordCode(_ text: String, _ q: Qualifiers, start: SourceSpan) throws(CompileError) -> Filter {
        if let value = NamedValues.number(text) { return try numberCode(nil, value, q, span(from: start)) }
        if AddressParser.looksNumeric(text) {
            throw error("number '\(text)' does not fit in 32 bits", at: span(from: start))
        }
        if text.hasPrefix("$") { throw error("'link host $XX' not supported on DLT_EN10MB", at: span(from: start)) }
        if let mac = AddressParser.mac(text) {
            guard q.proto == .link, q.address == .none || q.address == .host else {
                throw error("Ethernet address used in non-ether expression", at: span(from: start))
            }
            return primitive(.etherHost(mac, q.direction ?? .sourceOrDestination), span(from: start))
        }
        if AddressParser.isDottedNumeric(text) {
            if current.is("/") {
                advance()
                let length = try requiredNumber("a prefix length")
                return try maskCode(text, mask: nil, length: length, q, span(from: start))
            }
            if current.is("mask") {
                advance()
                guard current.kind == .word, AddressParser.isDottedNumeric(current.text) || AddressParser.number(current.text) != nil else {
                    throw expected("a netmask such as 255.255.0.0")
                }
                let mask = advance().text
                return try maskCode(text, mask: mask, length: nil, q, span(from: start))
            }
            return try numberCode(text, 0, q, span(from: start))
        }
        if let bytes = AddressParser.ipv6(text) {
            var length: UInt32?
            if current.is("/") {
                advance()
                length = try requiredNumber("a prefix length")
            }
            return try ipv6Code(bytes, text: text, length: length, q, span(from: start))
        }
        if text.contains(":") { throw error("invalid IPv6 or Ethernet address '\(text)'", at: span(from: start)) }
        return try nameCode(text, q, span(from: start))
    }

    /// A number or dotted IPv4/DECnet address under `q` (`gen_ncode`).
    func numberCode(_ dotted: String?, _ number: UInt32, _ q: Qualifiers, _ span: SourceSpan) throws(CompileError) -> Filter {
        let shown = dotted ?? String(number)
        switch q.address {
        case .none, .host, .net:
            if q.proto == .decnet {
                if q.address == .net { throw error("'decnet' is not a valid qualifier for 'net'", at: span) }
                guard let dotted, let address = AddressParser.decnet(dotted) else {
                    throw error("invalid DECnet address '\(shown)'", at: span)
                }
                return primitive(.decnetAddress(address, q.direction ?? .sourceOrDestination), span)
            }
            if q.proto == .link { throw error("illegal link-layer address '\(shown)'", at: span) }
            var value = number
            var mask: UInt32 = 0xffff_ffff
            if let dotted {
                guard let parsed = AddressParser.dottedIPv4(dotted), parsed.bits > 0 else {
                    throw error("invalid IPv4 address '\(dotted)'", at: span)
                }
                // libpcap promotes a short dotted address: 10.1 is 10.1.0.0/16.
                value = parsed.bits == 32 ? parsed.value : parsed.value << UInt32(32 - parsed.bits)
                mask = parsed.bits == 32 ? mask : mask << UInt32(32 - parsed.bits)
            } else if q.address == .net {
                // A bare network number: 10 is 10.0.0.0/8.
                while value != 0 && value & 0xff00_0000 == 0 {
                    value <<= 8
                    mask <<= 8
                }
            }
            let kind = q.address == .net ? (mask == 0xffff_ffff ? "net <IPv4 address>" : "net <IPv4 prefix>") : "host <IPv4 address>"
            return try ipv4Code(IPv4Network(address: value, mask: mask), q, kind, span)
        case .port, .portrange:
            if dotted != nil { throw error("'\(q.address.rawValue)' qualifier applied to IPv4 address", at: span) }
            return try portCode(number, number, q, span)
        case .gateway:
            throw error("'gateway' is not a valid qualifier for '\(shown)'", at: span)
        case .proto:
            if dotted != nil { throw error("'proto' qualifier applied to IPv4 address", at: span) }
            return try protoCode(number, q, span)
        case .protochain:
            if dotted != nil { throw error("'protochain' qualifier applied to IPv4 address", at: span) }
            return try protochainCode(number, q, span)
        }
    }

    /// `A/len` and `A mask M` (`gen_mcode`).
    func maskCode(_ text: String, mask maskText: String?, length: UInt32?, _ q: Qualifiers,
                  _ span: SourceSpan) throws(CompileError) -> Filter {
        let shown = maskText.map { "\(text) mask \($0)" } ?? "\(text)/\(length ?? 0)"
        let form = maskText == nil ? "prefix length" : "netmask"
        switch q.address {
        case .port, .portrange, .proto, .protochain:
            throw error("'\(q.address.rawValue)' qualifier applied to IPv4 address and \(form)", at: span)
        case .gateway, .host:
            throw error("'\(q.address.rawValue)' is not a valid qualifier for '\(shown)'", at: span)
        case .none:
            throw error("Mask syntax for networks only", at: span)
        case .net:
            break
        }
        guard let parsed = AddressParser.dottedIPv4(text), parsed.bits > 0 else {
            throw error("invalid IPv4 address '\(text)'", at: span)
        }
        let address = parsed.bits == 32 ? parsed.value : parsed.value << UInt32(32 - parsed.bits)
        var mask: UInt32
        if let maskText {
            if let parsedMask = AddressParser.dottedIPv4(maskText), parsedMask.bits > 0 {
                mask = parsedMask.bits == 32 ? parsedMask.value : parsedMask.value << UInt32(32 - parsedMask.bits)
            } else if let number = AddressParser.number(maskText) {
                mask = number
            } else {
                throw error("invalid netmask '\(maskText)'", at: span)
            }
        } else {
            let bits = length ?? 0
            guard bits <= 32 else { throw error("mask length must be <= 32", at: span) }
            mask = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        }
        guard address & ~mask == 0 else { throw error("non-network bits set in \"\(shown)\"", at: span) }
        return try ipv4Code(IPv4Network(address: address, mask: mask), q, "net <IPv4 prefix>", span)
    }

    /// An IPv4 address test under the protocol qualifier (`gen_host`).
    func ipv4Code(_ network: IPv4Network, _ q: Qualifiers, _ kind: String, _ span: SourceSpan) throws(CompileError) -> Filter {
        let direction = q.direction ?? .sourceOrDestination
        switch q.proto {
        case .none:
            // Under MPLS libpcap tests only IPv4.
            let protocols: [AddressProtocol] = encapsulation.mplsDepth > 0 ? [.ip] : [.ip, .arp, .rarp]
            let filters = protocols.map { primitive(.ipv4Address(network, direction, $0), span) }
            return filters.count == 1 ? filters[0] : .or(filters)
        case .ip: return primitive(.ipv4Address(network, direction, .ip), span)
        case .arp: return primitive(.ipv4Address(network, direction, .arp), span)
        case .rarp: return primitive(.ipv4Address(network, direction, .rarp), span)
        case .link: throw error("illegal link-layer address '\(network)'", at: span)
        default: throw error("'\(q.proto.rawValue)' is not a valid qualifier for '\(kind)'", at: span)
        }
    }

    /// An IPv6 address or prefix (`gen_mcode6`, `gen_host6`).
    func ipv6Code(_ bytes: [UInt8], text: String, length: UInt32?, _ q: Qualifiers,
                  _ span: SourceSpan) throws(CompileError) -> Filter {
        let suffix = length == nil ? "" : " and prefix length"
        let shown = length.map { "\(text)/\($0)" } ?? text
        switch q.address {
        case .port, .portrange, .proto, .protochain:
            throw error("'\(q.address.rawValue)' qualifier applied to IPv6 address\(suffix)", at: span)
        case .gateway:
            throw error("'gateway' is not a valid qualifier for '\(shown)'", at: span)
        case .host where length != nil:
            throw error("'host' is not a valid qualifier for '\(shown)'", at: span)
        case .none where length != nil:
            throw error("Mask syntax for networks only", at: span)
        default:
            break
        }
        let bits = Int(length ?? 128)
        guard bits <= 128 else { throw error("mask length must be <= 128", at: span) }
        let network = IPv6Network(address: bytes, prefixLength: bits)
        for index in 0..<4 where network.word(index) & ~network.maskWord(index) != 0 {
            throw error("non-network bits set in \"\(shown)\"", at: span)
        }
        guard q.proto == .none || q.proto == .ip6 else {
            let kind = q.address == .net ? "net <IPv6 prefix>" : "host <IPv6 address>"
            throw error("'\(q.proto.rawValue)' is not a valid qualifier for '\(kind)'", at: span)
        }
        return primitive(.ipv6Address(network, q.direction ?? .sourceOrDestination), span)
    }

    /// A transport port range under `q` (`gen_port`/`gen_portrange`).
    func portCode(_ low: UInt32, _ high: UInt32, _ q: Qualifiers, _ span: SourceSpan) throws(CompileError) -> Filter {
        let transport: Transport?
        switch q.proto {
        case .none: transport = nil
        case .tcp: transport = .tcp
        case .udp: transport = .udp
        case .sctp: transport = .sctp
        default: throw error("'\(q.proto.rawValue)' is not a valid qualifier for '\(q.address.rawValue)'", at: span)
        }
        for port in [low, high] where port > 65535 {
            throw error("illegal port number \(port) > 65535", at: span)
        }
        return primitive(.port(PortRange(UInt16(low), UInt16(high)), q.direction ?? .sourceOrDestination, transport), span)
    }

    /// `proto N` under the protocol qualifier (`gen_proto`).
    func protoCode(_ number: UInt32, _ q: Qualifiers, _ span: SourceSpan) throws(CompileError) -> Filter {
        switch q.proto {
        case .none, .ip, .ip6:
            guard number <= 255 else { throw error("IP protocol \(number) greater than maximum 255", at: span) }
            let version: IPVersion = q.proto == .ip ? .v4 : q.proto == .ip6 ? .v6 : .any
            return primitive(.ipProtocol(UInt8(number), version), span)
        case .link:
            if number > 65535 { throw error("EtherType \(number) greater than maximum 65535", at: span) }
            if number > 255 && number <= 1500 { throw error("LLC DSAP \(number) greater than maximum 255", at: span) }
            return primitive(.linkProtocol(UInt16(number)), span)
        case .iso:
            guard number <= 255 else { throw error("ISO protocol \(number) greater than maximum 255", at: span) }
            return primitive(.isoProtocol(UInt8(number)), span)
        case .isis:
            guard number <= 31 else { throw error("IS-IS PDU type \(number) greater than maximum 31", at: span) }
            return primitive(.isisPDU(UInt8(number)), span)
        default:
            throw error("'\(q.proto.rawValue)' is not a valid qualifier for 'proto'", at: span)
        }
    }

    /// `protochain N` (`gen_protochain`).
    func protochainCode(_ number: UInt32, _ q: Qualifiers, _ span: SourceSpan) throws(CompileError) -> Filter {
        let version: IPVersion
        switch q.proto {
        case .none: version = .any
        case .ip: version = .v4
        case .ip6: version = .v6
        default: throw error("'\(q.proto.rawValue)' is not a valid qualifier for 'protochain'", at: span)
        }
        guard number <= 255 else { throw error("IP protocol \(number) greater than maximum 255", at: span) }
        if encapsulation.layers.contains(where: \.isTunnel) {
            throw error("'protochain' not supported with variable length headers", at: span)
        }
        return primitive(.protocolChain(UInt8(number), version), span)
    }

    /// A name under `q` (`gen_scode`): protocol and service names resolve
    /// from fixed tables; host, network and Ethernet names need a name
    /// service, which Sluice does not use.
    func nameCode(_ name: String, _ q: Qualifiers, _ span: SourceSpan) throws(CompileError) -> Filter {
        let numbersPlease = "Sluice does not look names up; write the address as a number"
        switch q.address {
        case .none, .host:
            switch q.proto {
            case .link:
                throw error("unknown Ethernet-like host '\(name)' (\(numbersPlease), e.g. aa:bb:cc:dd:ee:ff)", at: span)
            case .decnet:
                throw error("'decnet' is not a valid qualifier for 'host'", at: span)
            case .none, .ip, .arp, .rarp, .ip6:
                throw error("unknown host '\(name)' (\(numbersPlease), e.g. 192.0.2.1 or 2001:db8::1)", at: span)
            default:
                throw error("'\(q.proto.rawValue)' is not a valid qualifier for 'host <Internet hostname>'", at: span)
            }
        case .net:
            guard [.none, .ip, .arp, .rarp].contains(q.proto) else {
                throw error("'\(q.proto.rawValue)' is not a valid qualifier for 'net'", at: span)
            }
            throw error("unknown network '\(name)' (\(numbersPlease), e.g. 10.0.0.0/8)", at: span)
        case .port:
            guard let port = NamedValues.port(name) else {
                throw error("unknown port '\(name)' (use a number; only well-known service names are known)", at: span)
            }
            return try portCode(port, port, q, span)
        case .portrange:
            guard let (low, high) = portRange(name) else {
                throw error("unknown port range '\(name)' (expected PORT-PORT with numbers or well-known service names)", at: span)
            }
            return try portCode(low, high, q, span)
        case .gateway:
            if encapsulation.mplsDepth > 0 { throw error("'gateway' cannot be used within MPLS", at: span) }
            if encapsulation.layers.contains(where: \.isTunnel) {
                throw error("'gateway' cannot be used within VXLAN or Geneve", at: span)
            }
            guard [.none, .ip, .arp, .rarp].contains(q.proto) else {
                throw error("'\(q.proto.rawValue)' is not a valid qualifier for 'gateway'", at: span)
            }
            throw error("unknown host '\(name)': 'gateway' needs /etc/ethers and host name look-ups, which Sluice does not do", at: span)
        case .proto, .protochain:
            let number = try protocolNumber(name, q, span)
            return q.address == .proto ? try protoCode(number, q, span) : try protochainCode(number, q, span)
        }
    }

    /// A protocol name after `proto`/`protochain` (libpcap `lookup_proto`).
    private func protocolNumber(_ name: String, _ q: Qualifiers, _ span: SourceSpan) throws(CompileError) -> UInt32 {
        let value: UInt32?
        switch q.proto {
        case .none, .ip, .ip6: value = IPProtocolNames.numbers[name].map(UInt32.init)
        case .link: value = LinkProtocolNames.value(of: name).map(UInt32.init)
        case .iso: value = ["clnp": 0x81, "esis": 0x82, "isis": 0x83][name]
        default: value = nil
        }
        guard let value else {
            let qualifier = q.proto == .none ? "" : q.proto.rawValue + " "
            throw error("unknown '\(qualifier)\(q.address.rawValue)' value '\(name)'", at: span)
        }
        return value
    }

    /// "25-53", "smtp-domain", "ftp-data-80": split where both halves are ports.
    private func portRange(_ text: String) -> (UInt32, UInt32)? {
        if let single = NamedValues.port(text) { return (single, single) }
        for (index, character) in text.enumerated() where character == "-" {
            let low = String(text.prefix(index))
            let high = String(text.dropFirst(index + 1))
            if let a = NamedValues.port(low), let b = NamedValues.port(high) { return (a, b) }
        }
        return nil
    }
}
