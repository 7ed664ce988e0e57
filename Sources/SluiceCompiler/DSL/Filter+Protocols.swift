/// DSL primitives for protocols: `Filter.tcp`, `Filter.ip6`,
/// `Filter.ipProtocol(47)`, `Filter.vlan(100)`, ...; each builds the same
/// atom as the pcap-filter keyword it is named after.
extension Filter {
    private static func protocolAtom(_ number: UInt8, _ version: IPVersion) -> Filter {
        .atom(.ipProtocol(number, version))
    }

    /// `ip`: IPv4 (ethertype 0x0800).
    public static var ip: Filter { .atom(.linkProtocol(0x0800)) }
    /// `ip6`: IPv6 (ethertype 0x86dd).
    public static var ip6: Filter { .atom(.linkProtocol(0x86dd)) }
    /// `arp` (ethertype 0x0806).
    public static var arp: Filter { .atom(.linkProtocol(0x0806)) }
    /// `rarp` (ethertype 0x8035).
    public static var rarp: Filter { .atom(.linkProtocol(0x8035)) }
    /// `ether proto N`: the link-level protocol (an ethertype, or an LLC SAP up to 1500).
    public static func etherProtocol(_ type: UInt16) -> Filter { .atom(.linkProtocol(type)) }

    /// `tcp`: TCP over IPv4 or IPv6.
    public static var tcp: Filter { protocolAtom(6, .any) }
    /// `udp`: UDP over IPv4 or IPv6.
    public static var udp: Filter { protocolAtom(17, .any) }
    /// `sctp`: SCTP over IPv4 or IPv6.
    public static var sctp: Filter { protocolAtom(132, .any) }
    /// `icmp`: ICMP over IPv4.
    public static var icmp: Filter { protocolAtom(1, .v4) }
    /// `icmp6`: ICMPv6.
    public static var icmp6: Filter { protocolAtom(58, .v6) }
    /// `igmp` (IPv4).
    public static var igmp: Filter { protocolAtom(2, .v4) }
    /// `pim` over IPv4 or IPv6.
    public static var pim: Filter { protocolAtom(103, .any) }
    /// `vrrp` (IPv4, protocol 112; `carp` is the same test).
    public static var vrrp: Filter { protocolAtom(112, .v4) }
    /// `ah`: IPsec authentication header, IPv4 or IPv6.
    public static var ah: Filter { protocolAtom(51, .any) }
    /// `esp`: IPsec payload, IPv4 or IPv6.
    public static var esp: Filter { protocolAtom(50, .any) }

    /// `ip proto N`, `ip6 proto N` or `proto N` (`version: .any`).
    public static func ipProtocol(_ number: UInt8, version: IPVersion = .v4) -> Filter {
        protocolAtom(number, version)
    }

    /// `ip protochain N`, `ip6 protochain N`, `protochain N`: the header
    /// chain (IPv6 extension headers, AH) reaches protocol `number`.
    public static func protocolChain(_ number: UInt8, version: IPVersion = .any) -> Filter {
        .atom(.protocolChain(number, version))
    }

    /// `vlan [id]`: an 802.1Q/802.1ad tag. As in pcap-filter, every primitive
    /// after it looks one tag further in. The id keeps its low 12 bits.
    public static func vlan(_ id: UInt16? = nil) -> Filter {
        .atom(.vlan(id.map { $0 & 0x0fff }))
    }

    /// `mpls [label]`: an MPLS label stack entry; later primitives look past
    /// it. The label keeps its low 20 bits.
    public static func mpls(_ label: UInt32? = nil) -> Filter {
        .atom(.mpls(label.map { $0 & 0xf_ffff }))
    }

    /// `pppoed`: PPPoE discovery.
    public static var pppoeDiscovery: Filter { .atom(.pppoeDiscovery) }

    /// `pppoes [id]`: a PPPoE session; later primitives look inside PPP.
    public static func pppoeSession(_ id: UInt16? = nil) -> Filter { .atom(.pppoeSession(id)) }

    /// `geneve [vni]`: Geneve on UDP 6081; later primitives look at the
    /// inner frame. The VNI keeps its low 24 bits.
    public static func geneve(_ vni: UInt32? = nil) -> Filter { .atom(.geneve(vni.map { $0 & 0xff_ffff })) }

    /// `vxlan [vni]`: VXLAN on UDP 4789; later primitives look at the inner frame.
    public static func vxlan(_ vni: UInt32? = nil) -> Filter { .atom(.vxlan(vni.map { $0 & 0xff_ffff })) }

    /// `llc [kind]`: an 802.2 LLC frame.
    public static func llc(_ kind: LLCKind? = nil) -> Filter { .atom(.llc(kind)) }
}
