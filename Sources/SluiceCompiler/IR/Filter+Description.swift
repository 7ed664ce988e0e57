/// The canonical printer: pcap-filter text that `FilterParser.parse` turns
/// back into an equal `Filter`.
///
/// `and` and `or` have the same precedence in pcap-filter (left to right),
/// so every nested `and`/`or` is parenthesised. Primitives are printed in
/// full (no qualifier inheritance). Encapsulation is implied by the order of
/// the `vlan`/`mpls`/`pppoes`/`geneve`/`vxlan` primitives, as in libpcap, so
/// a formula built by hand with encapsulations that no pcap-filter text
/// could produce does not round-trip. Constants nested in a formula print as
/// `true`/`false` (a Sluice extension); the whole filter `true` prints as
/// the empty expression, as libpcap writes "match everything".
extension Filter: CustomStringConvertible {
    public var description: String {
        if case .constant(true) = self { return "" }
        return text(nested: false)
    }

    private func text(nested: Bool) -> String {
        switch self {
        case .constant(let value):
            return value ? "true" : "false"
        case .primitive(let primitive):
            return primitive.atom.description
        case .not(let operand):
            return "not " + operand.text(nested: true)
        case .and(let operands), .or(let operands):
            if operands.isEmpty {
                if case .and = self { return "true" } else { return "false" }
            }
            if operands.count == 1 { return operands[0].text(nested: nested) }
            let word: String
            if case .and = self { word = " and " } else { word = " or " }
            let body = operands.map { $0.text(nested: true) }.joined(separator: word)
            return nested ? "(\(body))" : body
        }
    }
}

extension Primitive: CustomStringConvertible {
    /// The primitive's pcap-filter text.
    public var description: String { atom.description }
}

extension Atom: CustomStringConvertible {
    /// pcap-filter text for this test alone.
    public var description: String {
        switch self {
        case .linkProtocol(let type):
            if let name = LinkProtocolNames.keyword(for: type) { return name }
            return "ether proto \(type)"
        case .etherHost(let address, let direction):
            return "ether \(direction.qualifier)host \(address)"
        case .etherBroadcast:
            return "ether broadcast"
        case .etherMulticast:
            return "ether multicast"
        case .ipv4Address(let network, let direction, let proto):
            return "\(proto) \(direction.qualifier)\(network.isHost ? "host" : "net") \(network)"
        case .ipv6Address(let network, let direction):
            return "ip6 \(direction.qualifier)\(network.prefixLength == 128 ? "host" : "net") \(network)"
        case .ipBroadcast:
            return "ip broadcast"
        case .ipMulticast:
            return "ip multicast"
        case .ipv6Multicast:
            return "ip6 multicast"
        case .ipProtocol(let number, let version):
            if let name = IPProtocolNames.keyword(for: number, version: version) { return name }
            return "\(version.qualifier)proto \(number)"
        case .protocolChain(let number, let version):
            return "\(version.qualifier)protochain \(number)"
        case .port(let range, let direction, let transport):
            let prefix = (transport.map { "\($0) " } ?? "") + direction.qualifier
            return range.isSinglePort
                ? "\(prefix)port \(range.lower)" : "\(prefix)portrange \(range.lower)-\(range.upper)"
        case .vlan(let id):
            return id.map { "vlan \($0)" } ?? "vlan"
        case .mpls(let label):
            return label.map { "mpls \($0)" } ?? "mpls"
        case .pppoeDiscovery:
            return "pppoed"
        case .pppoeSession(let id):
            return id.map { "pppoes \($0)" } ?? "pppoes"
        case .geneve(let vni):
            return vni.map { "geneve \($0)" } ?? "geneve"
        case .vxlan(let vni):
            return vni.map { "vxlan \($0)" } ?? "vxlan"
        case .llc(let kind):
            return kind.map { "llc \($0)" } ?? "llc"
        case .decnetAddress(let address, let direction):
            return "decnet \(direction.qualifier)host \(address >> 10).\(address & 0x3ff)"
        case .isoProtocol(let number):
            return "iso proto \(number)"
        case .isisPDU(let number):
            return "isis proto \(number)"
        case .comparison(let lhs, let relation, let rhs):
            return "\(lhs.text(nested: false)) \(relation.rawValue) \(rhs.text(nested: false))"
        }
    }
}

extension Direction {
    /// "src ", "dst ", "" (the default), "src and dst ".
    var qualifier: String {
        switch self {
        case .source: "src "
        case .destination: "dst "
        case .sourceOrDestination: ""
        case .sourceAndDestination: "src and dst "
        }
    }
}

extension IPVersion {
    /// "ip ", "ip6 " or "".
    var qualifier: String {
        switch self {
        case .v4: "ip "
        case .v6: "ip6 "
        case .any: ""
        }
    }
}

extension AddressProtocol: CustomStringConvertible {
    /// "ip", "arp", "rarp".
    public var description: String {
        switch self {
        case .ip: "ip"
        case .arp: "arp"
        case .rarp: "rarp"
        }
    }
}

extension Transport: CustomStringConvertible {
    /// "tcp", "udp", "sctp".
    public var description: String {
        switch self {
        case .tcp: "tcp"
        case .udp: "udp"
        case .sctp: "sctp"
        }
    }
}

extension LLCKind: CustomStringConvertible {
    /// The `llc` keyword: "i", "s", "u", "rr", "ui", ...
    public var description: String {
        switch self {
        case .information: return "i"
        case .supervisory: return "s"
        case .unnumbered: return "u"
        case .supervisoryType(let value), .unnumberedType(let value):
            return LLCKind.names.first { $0.kind == self }?.name ?? "\(value)"
        }
    }
}

extension ArithmeticExpression: CustomStringConvertible {
    /// pcap-filter text; binary operations nested in others are parenthesised.
    public var description: String { text(nested: false) }

    func text(nested: Bool) -> String {
        switch self {
        case .constant(let value):
            return String(value)
        case .length:
            return "len"
        case .load(let layer, let offset, let size):
            let suffix = size == 1 ? "" : ":\(size)"
            return "\(layer.rawValue)[\(offset.text(nested: false))\(suffix)]"
        case .binary(let op, let lhs, let rhs):
            let body = "\(lhs.text(nested: true)) \(op.rawValue) \(rhs.text(nested: true))"
            return nested ? "(\(body))" : body
        case .negate(let operand):
            return "-" + operand.text(nested: true)
        }
    }
}
