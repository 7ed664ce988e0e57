/// Keywords that name a link-level protocol (libpcap's `ether proto` names
/// and the primitives that abbreviate them).
enum LinkProtocolNames {
    /// Keyword → value (ethertype, or LLC SAP when ≤ 1500), as libpcap's
    /// `eproto_db` and `llc_db` define them.
    static let table: [(name: String, value: UInt16)] = [
        ("ip", 0x0800), ("ip6", 0x86dd), ("arp", 0x0806), ("rarp", 0x8035),
        ("atalk", 0x809b), ("aarp", 0x80f3), ("decnet", 0x6003), ("lat", 0x6004),
        ("sca", 0x6007), ("moprc", 0x6002), ("mopdl", 0x6001), ("loopback", 0x9000),
        ("lldp", 0x88cc), ("slow", 0x8809),
        ("ipx", 0xe0), ("stp", 0x42), ("iso", 0xfe), ("netbeui", 0xf0),
    ]

    /// Names usable as a bare primitive (`ip`, `arp`...; `lldp`, `loopback`
    /// and `slow` only exist after `ether proto`).
    static let primitiveKeywords: Set<String> = [
        "ip", "ip6", "arp", "rarp", "atalk", "aarp", "decnet", "lat", "sca",
        "moprc", "mopdl", "ipx", "stp", "iso", "netbeui",
    ]

    /// The value of a protocol name after `ether proto`/`link proto`.
    static func value(of name: String) -> UInt16? {
        table.first { $0.name == name }?.value
    }

    /// The keyword a canonical printer uses for `type`.
    static func keyword(for type: UInt16) -> String? {
        guard let name = table.first(where: { $0.value == type })?.name else { return nil }
        return primitiveKeywords.contains(name) ? name : "ether proto \\\(name)"
    }
}

/// Keywords that name an IP protocol test (`tcp`, `icmp`, ...) with the IP
/// versions libpcap's `gen_proto_abbrev` tests for each.
enum IPProtocolNames {
    static let table: [(name: String, number: UInt8, version: IPVersion)] = [
        ("tcp", 6, .any), ("udp", 17, .any), ("sctp", 132, .any),
        ("icmp", 1, .v4), ("igmp", 2, .v4), ("igrp", 9, .v4), ("pim", 103, .any),
        ("vrrp", 112, .v4), ("icmp6", 58, .v6), ("ah", 51, .any), ("esp", 50, .any),
    ]

    /// Protocol names usable after `proto` (`ip proto \tcp`), from
    /// /etc/protocols' well-known entries.
    static let numbers: [String: UInt8] = [
        "icmp": 1, "igmp": 2, "ggp": 3, "ipencap": 4, "st": 5, "tcp": 6, "egp": 8,
        "igp": 9, "igrp": 9, "pup": 12, "udp": 17, "hmp": 20, "xns-idp": 22, "rdp": 27,
        "iso-tp4": 29, "dccp": 33, "xtp": 36, "ddp": 37, "idpr-cmtp": 38, "ipv6": 41,
        "ipv6-route": 43, "ipv6-frag": 44, "idrp": 45, "rsvp": 46, "gre": 47, "esp": 50,
        "ah": 51, "skip": 57, "ipv6-icmp": 58, "icmp6": 58, "ipv6-nonxt": 59, "ipv6-opts": 60,
        "rspf": 73, "vmtp": 81, "eigrp": 88, "ospf": 89, "ax.25": 93, "ipip": 94,
        "etherip": 97, "encap": 98, "pim": 103, "ipcomp": 108, "vrrp": 112, "carp": 112,
        "l2tp": 115, "isis": 124, "sctp": 132, "fc": 133, "mobility-header": 135,
        "udplite": 136, "mpls-in-ip": 137, "manet": 138, "hip": 139, "shim6": 140,
        "wesp": 141, "rohc": 142,
    ]

    /// The keyword a canonical printer uses, when one means exactly this test.
    static func keyword(for number: UInt8, version: IPVersion) -> String? {
        table.first { $0.number == number && $0.version == version }?.name
    }
}

extension LLCKind {
    /// The `llc` subtype keywords and their control-field values.
    static let names: [(name: String, kind: LLCKind)] = [
        ("i", .information), ("s", .supervisory), ("u", .unnumbered),
        ("rr", .supervisoryType(0x01)), ("rnr", .supervisoryType(0x05)), ("rej", .supervisoryType(0x09)),
        ("ui", .unnumberedType(0x03)), ("ua", .unnumberedType(0x63)), ("disc", .unnumberedType(0x43)),
        ("dm", .unnumberedType(0x0f)), ("sabme", .unnumberedType(0x6f)), ("test", .unnumberedType(0xe3)),
        ("xid", .unnumberedType(0xaf)), ("frmr", .unnumberedType(0x87)),
    ]
}
