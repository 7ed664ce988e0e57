/// libpcap's qualifiers of a primitive: protocol (`ip`, `tcp`, `ether`...),
/// direction (`src`, `dst`...) and address kind (`host`, `net`, `port`...).
/// A bare id after `and`/`or` inherits the previous primitive's qualifiers
/// (`tcp dst port 21 or 20`).
struct Qualifiers: Equatable {
    var proto: ProtocolQualifier = .none
    var direction: Direction?
    var address: AddressQualifier = .none
}

/// The protocol qualifier (`pname` in libpcap's grammar).
enum ProtocolQualifier: String, Equatable, CaseIterable {
    case none = ""
    case link, ip, arp, rarp, sctp, tcp, udp, icmp, igmp, igrp, pim, vrrp, carp
    case atalk, aarp, decnet, lat, sca, moprc, mopdl, ip6, icmp6, ah, esp
    case iso, esis, isis, l1, l2, iih, lsp, snp, psnp, csnp, clnp, stp, ipx, netbeui, radio

    /// The qualifier a keyword names (`ether`, `fddi`... are all `link`).
    init?(keyword: String) {
        switch keyword {
        case "ether", "ppp", "slip", "fddi", "tr", "wlan", "link": self = .link
        case "es-is": self = .esis
        case "is-is": self = .isis
        case "": return nil
        default: self.init(rawValue: keyword)
        }
    }
}

/// The address qualifier (`aqual`, plus `proto` and `protochain`).
enum AddressQualifier: String, Equatable {
    case none = ""
    case host, net, port, portrange, gateway, proto, protochain
}

/// Every reserved word of libpcap's scanner that can start or continue a
/// term; a word in this set is never a host name.
enum Keywords {
    static let all: Set<String> = [
        "dst", "src", "host", "gateway", "net", "mask", "port", "portrange", "proto", "protochain",
        "outbound", "inbound", "ifindex", "link", "ether", "ppp", "slip", "fddi", "tr", "wlan",
        "arp", "rarp", "ip", "sctp", "tcp", "udp", "icmp", "igmp", "igrp", "pim", "vrrp", "carp",
        "radio", "ip6", "icmp6", "ah", "esp", "atalk", "aarp", "decnet", "lat", "sca", "moprc",
        "mopdl", "iso", "esis", "es-is", "isis", "is-is", "l1", "l2", "iih", "lsp", "snp", "csnp",
        "psnp", "clnp", "stp", "ipx", "netbeui", "broadcast", "multicast", "less", "greater",
        "byte", "len", "and", "or", "not", "vlan", "mpls", "pppoed", "pppoes", "geneve", "vxlan",
        "lane", "llc", "metac", "bcc", "sc", "ilmic", "oamf4ec", "oamf4sc", "oam", "oamf4",
        "connectmsg", "metaconnect", "vpi", "vci", "on", "ifname", "rnr", "reason", "rset",
        "rulenum", "ruleset", "srnr", "subrulenum", "action", "fisu", "lssu", "lsu", "msu",
        "hfisu", "hlssu", "hmsu", "sio", "opc", "dpc", "sls", "hsio", "hopc", "hdpc", "hsls",
        "type", "subtype", "direction", "dir", "address1", "address2", "address3", "address4",
        "addr1", "addr2", "addr3", "addr4", "ra", "ta",
    ]

    /// Keywords of other link types, with the link type libpcap requires.
    static func foreign(_ word: String) -> String? {
        switch word {
        case "lane", "metac", "bcc", "sc", "ilmic", "oamf4ec", "oamf4sc", "oam", "oamf4",
             "connectmsg", "metaconnect", "vpi", "vci":
            return "'\(word)' supported only on SUNATM"
        case "on", "ifname", "rnr", "reason", "rset", "rulenum", "ruleset", "srnr", "subrulenum", "action":
            return "'\(word)' supported only on PFLOG linktype"
        case "fisu", "lssu", "lsu", "msu", "hfisu", "hlssu", "hmsu", "sio", "opc", "dpc", "sls",
             "hsio", "hopc", "hdpc", "hsls":
            return "'\(word)' supported only on SS7"
        case "type", "subtype":
            return "'type/subtype' not supported on DLT_EN10MB"
        case "direction", "dir":
            return "'dir' not supported on DLT_EN10MB"
        case "inbound", "outbound":
            return "'\(word)' not supported on DLT_EN10MB (a capture file has no packet direction)"
        case "ifindex":
            return "'ifindex' not supported on DLT_EN10MB (a capture file has no interface index)"
        default:
            return nil
        }
    }
}
