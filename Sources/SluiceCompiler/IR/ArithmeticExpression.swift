/// A 32-bit unsigned arithmetic expression of pcap-filter (`arth` in
/// libpcap's grammar): constants, `len`, packet loads `proto[expr:size]`,
/// and the BPF ALU operators. Division or modulo by a zero divisor makes
/// the whole filter reject the packet (cBPF semantics).
public indirect enum ArithmeticExpression: Hashable, Sendable {
    /// A constant (named values such as `tcp-syn` or `icmptype` are constants).
    case constant(UInt32)
    /// The packet's length on the wire (`len`).
    case length
    /// `layer[offset : size]`: `size` (1, 2 or 4) bytes, big-endian, at
    /// `offset` from the start of `layer`'s header.
    case load(PacketLayer, offset: ArithmeticExpression, size: Int)
    /// `lhs op rhs`.
    case binary(ArithmeticOperator, ArithmeticExpression, ArithmeticExpression)
    /// `-operand` (two's complement).
    case negate(ArithmeticExpression)

    /// Every load in evaluation order (left operand first, offsets before their loads).
    public var loads: [(layer: PacketLayer, offset: ArithmeticExpression, size: Int)] {
        switch self {
        case .constant, .length: return []
        case .load(let layer, let offset, let size): return offset.loads + [(layer, offset, size)]
        case .binary(_, let lhs, let rhs): return lhs.loads + rhs.loads
        case .negate(let operand): return operand.loads
        }
    }
}

/// The binary operators of `arth` (BPF ALU operations).
public enum ArithmeticOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case and = "&", or = "|", xor = "^", shiftLeft = "<<", shiftRight = ">>"
}

/// The relations of `rel` (`gen_relation`): unsigned comparisons.
public enum Relation: String, Hashable, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// The header a packet load `proto[...]` is relative to (libpcap `gen_load`).
/// Loads from a layer above the link layer also require that protocol.
public enum PacketLayer: String, Hashable, Sendable, CaseIterable {
    /// The link-layer header (`ether[]`, `link[]`).
    case link = "ether"
    /// IPv4 header (`ip[]`); requires IPv4.
    case ip
    /// IPv6 header (`ip6[]`); requires IPv6.
    case ip6
    /// ARP (`arp[]`); requires ARP.
    case arp
    /// RARP (`rarp[]`); requires RARP.
    case rarp
    /// TCP header of IPv4 TCP, first fragment (`tcp[]`).
    case tcp
    /// UDP over IPv4 (`udp[]`).
    case udp
    /// ICMP over IPv4 (`icmp[]`).
    case icmp
    /// IGMP over IPv4 (`igmp[]`).
    case igmp
    /// IGRP over IPv4 (`igrp[]`).
    case igrp
    /// PIM over IPv4 (`pim[]`).
    case pim
    /// VRRP over IPv4 (`vrrp[]`).
    case vrrp
    /// CARP over IPv4 (`carp[]`, protocol 112 like VRRP).
    case carp
    /// SCTP over IPv4 (`sctp[]`).
    case sctp
    /// ICMPv6 after a fixed IPv6 header (`icmp6[]`).
    case icmp6
    /// AppleTalk DDP (`atalk[]`); requires AppleTalk.
    case atalk
    /// DECnet (`decnet[]`); requires DECnet.
    case decnet
    /// DEC SCA (`sca[]`).
    case sca
    /// DEC LAT (`lat[]`).
    case lat
    /// DEC MOP remote console (`moprc[]`).
    case moprc
    /// DEC MOP dump/load (`mopdl[]`).
    case mopdl

    /// The IP protocol a transport layer requires, if it is one.
    public var ipProtocol: UInt8? {
        switch self {
        case .tcp: 6
        case .udp: 17
        case .icmp: 1
        case .igmp: 2
        case .igrp: 9
        case .pim: 103
        case .vrrp, .carp: 112
        case .sctp: 132
        case .icmp6: 58
        case .link, .ip, .ip6, .arp, .rarp, .atalk, .decnet, .sca, .lat, .moprc, .mopdl: nil
        }
    }

    /// For a network-layer header, the link protocol it requires.
    public var linkProtocol: UInt16? {
        switch self {
        case .link: nil
        case .icmp6: 0x86dd
        case .tcp, .udp, .icmp, .igmp, .igrp, .pim, .vrrp, .carp, .sctp: 0x0800
        default: LinkProtocolNames.value(of: rawValue)
        }
    }
}
