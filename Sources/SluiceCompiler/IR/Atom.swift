/// What a primitive tests: a protocol field (semantic: a TCP port is a TCP
/// port whatever the IPv4 header length) or a relation over packet loads.
///
/// Each case names the libpcap generator whose meaning it reproduces
/// (`gencode.c`); the cBPF code generator expands it for the link type and
/// the primitive's `Encapsulation`.
public enum Atom: Hashable, Sendable {
    /// The link-level protocol is `type` (`ether proto N`, `ip`, `ip6`,
    /// `arp`, `rarp`, `atalk`, `stp`, ...; libpcap `gen_linktype`). Values up
    /// to 1500 are 802.2 LLC SAPs on Ethernet (`stp` = 0x42, `iso` = 0xfe).
    /// Under MPLS it tests the IP version nibble; under PPPoE, the PPP protocol.
    case linkProtocol(UInt16)
    /// Ethernet address test (`ether host/src/dst`; `gen_ehostop`).
    case etherHost(MACAddress, Direction)
    /// Destination is ff:ff:ff:ff:ff:ff (`ether broadcast`).
    case etherBroadcast
    /// Destination has the group bit set (`ether multicast`).
    case etherMulticast
    /// IPv4 address or network test on IP, ARP or RARP
    /// (`ip/arp/rarp host/net`; `gen_host` with `Q_IP`, `Q_ARP`, `Q_RARP`).
    case ipv4Address(IPv4Network, Direction, AddressProtocol)
    /// IPv6 address or prefix test (`ip6 host/net`; `gen_host6`).
    case ipv6Address(IPv6Network, Direction)
    /// Destination is the broadcast address of `netmask`'s network or
    /// 255.255.255.255 (`ip broadcast`; `gen_broadcast`, needs the netmask).
    case ipBroadcast(netmask: UInt32)
    /// Destination is class D (`ip multicast`).
    case ipMulticast
    /// Destination is ff00::/8 (`ip6 multicast`).
    case ipv6Multicast
    /// The IP protocol / IPv6 next header is `number` (`ip proto`, `ip6 proto`,
    /// `proto`, `tcp`, `udp`, `icmp`, ...; `gen_proto`). For IPv6, libpcap
    /// also looks behind one fragment header.
    case ipProtocol(UInt8, IPVersion)
    /// The protocol chain (following IPv6 extension headers and AH)
    /// contains `number` (`ip protochain`, `ip6 protochain`; `gen_protochain`).
    case protocolChain(UInt8, IPVersion)
    /// A transport port in `ports` (`port`, `portrange`; `gen_port`,
    /// `gen_portrange`, and their IPv6 twins), over IPv6 or IPv4 (libpcap
    /// tests IPv6 first). `transport` nil means TCP, UDP or SCTP. IPv4
    /// fragments other than the first never match.
    case port(PortRange, Direction, Transport?)
    /// An 802.1Q/802.1ad tag, optionally with this VLAN id (`vlan [id]`).
    /// Primitives after it in the expression see one more tag.
    case vlan(UInt16?)
    /// An MPLS label, optionally this one (`mpls [label]`). Primitives after
    /// it see one more label.
    case mpls(UInt32?)
    /// PPPoE discovery (`pppoed`, ethertype 0x8863).
    case pppoeDiscovery
    /// A PPPoE session, optionally with this id (`pppoes [id]`). Primitives
    /// after it see PPP inside PPPoE.
    case pppoeSession(UInt16?)
    /// Geneve over UDP port 6081, optionally with this VNI (`geneve [vni]`).
    /// Primitives after it see the inner Ethernet frame.
    case geneve(UInt32?)
    /// VXLAN over UDP port 4789, optionally with this VNI (`vxlan [vni]`).
    /// Primitives after it see the inner Ethernet frame.
    case vxlan(UInt32?)
    /// 802.2 LLC, optionally a given frame kind (`llc`, `llc i`, `llc ui`...).
    case llc(LLCKind?)
    /// DECnet address test (`decnet host/src/dst`; `gen_dnhostop`).
    case decnetAddress(UInt16, Direction)
    /// ISO network-layer protocol over LLC (`iso proto N`, `clnp`, `esis`, `isis`).
    case isoProtocol(UInt8)
    /// IS-IS PDU type (`isis proto N`, `l1`, `iih`, `lsp`, ...).
    case isisPDU(UInt8)
    /// `lhs relation rhs` over 32-bit unsigned arithmetic on packet loads,
    /// `len` and constants (`gen_relation`). Each load of a protocol layer
    /// also requires that layer to be present (`tcp[13]` needs IPv4 TCP).
    case comparison(ArithmeticExpression, Relation, ArithmeticExpression)
}

/// Which addresses an address or port test looks at (libpcap's direction
/// qualifiers `src`, `dst`, `src or dst`, `src and dst`).
public enum Direction: Hashable, Sendable, CaseIterable {
    case source
    case destination
    /// Either (the default).
    case sourceOrDestination
    /// Both.
    case sourceAndDestination
}

/// The protocol an IPv4 address test applies to.
public enum AddressProtocol: Hashable, Sendable, CaseIterable {
    /// IPv4 source/destination addresses.
    case ip
    /// ARP sender/target protocol addresses.
    case arp
    /// RARP sender/target protocol addresses.
    case rarp
}

/// Which IP versions a protocol or port test looks at.
public enum IPVersion: Hashable, Sendable, CaseIterable {
    case v4
    case v6
    /// IPv4 or IPv6 (`proto`, `tcp`, `udp`...).
    case any
}

/// Transport protocols that have ports.
public enum Transport: UInt8, Hashable, Sendable, CaseIterable {
    case tcp = 6
    case udp = 17
    case sctp = 132
}

/// An inclusive port range; a single port when `lower == upper`.
public struct PortRange: Hashable, Sendable {
    /// Smallest port.
    public var lower: UInt16
    /// Largest port.
    public var upper: UInt16

    /// A range, put in order whichever end comes first (libpcap swaps them too).
    public init(_ a: UInt16, _ b: UInt16) {
        lower = min(a, b)
        upper = max(a, b)
    }

    /// One port.
    public init(_ port: UInt16) { self.init(port, port) }

    /// True when the range is a single port.
    public var isSinglePort: Bool { lower == upper }
}

/// 802.2 LLC frame kinds `llc` can test (`gen_llc_i`, `gen_llc_s`, `gen_llc_u`, subtypes).
public enum LLCKind: Hashable, Sendable {
    /// Information frame (`llc i`).
    case information
    /// Supervisory frame (`llc s`).
    case supervisory
    /// Unnumbered frame (`llc u`).
    case unnumbered
    /// A supervisory subtype (`rr`, `rnr`, `rej`): the control byte & 0x0f.
    case supervisoryType(UInt8)
    /// An unnumbered subtype (`ui`, `ua`, `disc`, ...): the control byte & 0xef.
    case unnumberedType(UInt8)
}
