/// DSL primitives for addresses and ports: `Filter.host(.init(10, 0, 0, 1))`,
/// `Filter.net(IPv4Network(10, 0, 0, 0, prefix: 8), .source)`,
/// `Filter.port(443, on: .tcp)`. Addresses are values parsed once, when
/// they are made; ports are `UInt16`, so the compiler checks their range.
extension Filter {
    /// `host A` / `src host A` / ...: IPv4 `host` without a protocol
    /// qualifier tests IP, ARP and RARP addresses, as libpcap does.
    public static func host(_ address: IPv4Network, _ direction: Direction = .sourceOrDestination) -> Filter {
        addresses(IPv4Network(address: address.address), direction)
    }

    /// `net N` / `src net N` / ...: IP, ARP and RARP, as libpcap does.
    public static func net(_ network: IPv4Network, _ direction: Direction = .sourceOrDestination) -> Filter {
        addresses(network, direction)
    }

    /// `ip host A`, `arp host A`, `rarp net N`...: one protocol's addresses.
    public static func address(_ network: IPv4Network, _ direction: Direction = .sourceOrDestination,
                               of protocolName: AddressProtocol) -> Filter {
        .atom(.ipv4Address(network, direction, protocolName))
    }

    /// `ip6 host A` or `ip6 net P/len`.
    public static func host(_ address: IPv6Network, _ direction: Direction = .sourceOrDestination) -> Filter {
        .atom(.ipv6Address(address, direction))
    }

    /// `ether host M` / `ether src M` / `ether dst M`.
    public static func etherHost(_ address: MACAddress, _ direction: Direction = .sourceOrDestination) -> Filter {
        .atom(.etherHost(address, direction))
    }

    /// `ether broadcast`.
    public static var etherBroadcast: Filter { .atom(.etherBroadcast) }
    /// `ether multicast`.
    public static var etherMulticast: Filter { .atom(.etherMulticast) }
    /// `ip multicast` (224.0.0.0/4).
    public static var ipMulticast: Filter { .atom(.ipMulticast) }
    /// `ip6 multicast` (ff00::/8).
    public static var ip6Multicast: Filter { .atom(.ipv6Multicast) }
    /// `ip broadcast` on a network with this netmask.
    public static func ipBroadcast(netmask: UInt32) -> Filter { .atom(.ipBroadcast(netmask: netmask)) }

    /// `[tcp|udp|sctp] [src|dst] port P`; `on: nil` means any of the three.
    public static func port(_ port: UInt16, _ direction: Direction = .sourceOrDestination,
                            on transport: Transport? = nil) -> Filter {
        .atom(.port(PortRange(port), direction, transport))
    }

    /// `[tcp|udp|sctp] [src|dst] portrange A-B`.
    public static func portRange(_ ports: ClosedRange<UInt16>, _ direction: Direction = .sourceOrDestination,
                                 on transport: Transport? = nil) -> Filter {
        .atom(.port(PortRange(ports.lowerBound, ports.upperBound), direction, transport))
    }

    /// `less N`: the wire length is at most `length`.
    public static func less(_ length: UInt32) -> Filter {
        .atom(.comparison(.length, .lessOrEqual, .constant(length)))
    }

    /// `greater N`: the wire length is at least `length`.
    public static func greater(_ length: UInt32) -> Filter {
        .atom(.comparison(.length, .greaterOrEqual, .constant(length)))
    }

    private static func addresses(_ network: IPv4Network, _ direction: Direction) -> Filter {
        disjunction(AddressProtocol.allCases.map { .atom(.ipv4Address(network, direction, $0)) })
    }
}

extension IPv4Network {
    /// A host address from its four octets: `IPv4Network(10, 0, 0, 1)`.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.init(address: UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d))
    }

    /// A network from its octets and prefix length (0...32; larger is 32).
    /// Host bits past the prefix are cleared: `net 10.0.0.1/8` is an error
    /// in pcap-filter, and a DSL value cannot be one.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, prefix: Int) {
        let bits = min(max(prefix, 0), 32)
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
        self.init(address: IPv4Network(a, b, c, d).address & mask, mask: mask)
    }

    /// Parses "10.0.0.1" or "10.0.0.0/8"; nil when the text is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let (value, bits) = AddressParser.dottedIPv4(first), bits == 32
        else { return nil }
        guard parts.count == 2 else { self.init(address: value); return }
        guard let bits = Int(parts[1]), (0...32).contains(bits) else { return nil }
        self.init(address: value, mask: bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits))
    }
}

extension IPv6Network {
    /// Parses "2001:db8::1" or "2001:db8::/32"; nil when the text is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = AddressParser.ipv6(first) else { return nil }
        guard parts.count == 2 else { self.init(address: bytes); return }
        guard let bits = Int(parts[1]), (0...128).contains(bits) else { return nil }
        self.init(address: bytes, prefixLength: bits)
    }
}

extension MACAddress {
    /// An address from its six bytes: `MACAddress(0x00, 0x11, 0x22, 0x33, 0x44, 0x55)`.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8, _ f: UInt8) {
        self.init([a, b, c, d, e, f].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// Parses "00:11:22:33:44:55" (also `-` or `.` separated, as libpcap
    /// accepts); nil when the text is not one.
    public init?(_ text: String) {
        guard let address = AddressParser.mac(text) else { return nil }
        self = address
    }
}
