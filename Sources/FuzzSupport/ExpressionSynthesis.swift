/// Builds pcap-filter text from fuzz bytes with a small grammar: the
/// primitives of pcap-filter(7) with varied operands, `and`/`or`/`not`,
/// parentheses and arithmetic relations over packet loads. Random bytes
/// seldom parse; these expressions reach the code generator.
public enum ExpressionSynthesis {
    /// An expression of at most `depth` nested operators.
    public static func expression(_ bytes: inout FuzzBytes, depth: Int = 3) -> String {
        guard depth > 0, !bytes.isExhausted else { return primitive(&bytes) }
        switch bytes.below(8) {
        case 0, 1: return "\(expression(&bytes, depth: depth - 1)) and \(expression(&bytes, depth: depth - 1))"
        case 2: return "\(expression(&bytes, depth: depth - 1)) or \(expression(&bytes, depth: depth - 1))"
        case 3: return "not \(expression(&bytes, depth: depth - 1))"
        case 4: return "(\(expression(&bytes, depth: depth - 1)))"
        default: return primitive(&bytes)
        }
    }

    static let fixed = [
        "ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6", "sctp", "igmp", "pim", "vrrp", "ah", "esp",
        "ether broadcast", "ether multicast", "ip multicast", "ip6 multicast", "broadcast", "multicast",
        "vlan", "mpls", "pppoed", "pppoes", "geneve", "vxlan", "llc", "stp", "iso", "decnet", "atalk", "aarp",
        "tcp[tcpflags] & tcp-syn != 0", "icmp[icmptype] = icmp-echo", "ip[6:2] & 0x1fff = 0",
        "ether proto \\arp", "ip proto \\udp", "ip6 protochain 6", "lat", "sca", "moprc", "mopdl", "netbeui", "ipx",
        "clnp", "esis", "isis", "l1", "iih", "llc ui", "llc i", "llc s",
    ]

    static let layers = ["ether", "ip", "ip6", "tcp", "udp", "icmp", "icmp6", "arp", "rarp", "igmp", "sctp", "pim", "vrrp", "decnet"]
    static let hosts = ["10.0.0.1", "192.168.1.1", "224.0.0.1", "255.255.255.255", "127.0.0.1", "10.1.0.7"]
    static let nets = ["10.0.0.0/8", "192.168.0.0/16", "10.0.0.0 mask 255.0.0.0", "224.0.0.0/4", "0.0.0.0/0", "10.1/16", "192.168.1.1/32"]
    static let ip6Hosts = ["fe80::1", "ff02::1", "::1", "2001:db8::5", "2001:db8::/32", "fe80::/10", "::/0"]
    static let macs = ["ff:ff:ff:ff:ff:ff", "00:11:22:33:44:55", "01:00:5e:00:00:01", "33:33:00:00:00:01"]
    static let directions = ["", "src ", "dst ", "src or dst ", "src and dst "]
    static let protocols = ["", "tcp ", "udp ", "sctp "]

    static func number(_ bytes: inout FuzzBytes) -> String {
        switch bytes.below(6) {
        case 0: return String(bytes.below(64))
        case 1: return "0x" + String(bytes.word(), radix: 16)
        case 2: return String(bytes.pick([0, 1, 2, 4, 6, 8, 12, 13, 14, 20, 40, 53, 80, 255, 256, 1500, 65535]))
        default: return String(bytes.byte())
        }
    }

    static func port(_ bytes: inout FuzzBytes) -> String {
        bytes.pick(["80", "443", "53", "22", "0", "65535", "http", "domain", String(bytes.byte())])
    }

    // One case per primitive family.
    // swiftlint:disable:next cyclomatic_complexity
    static func primitive(_ bytes: inout FuzzBytes) -> String {
        switch bytes.below(16) {
        case 0, 1: return bytes.pick(fixed)
        case 2: return "\(bytes.pick(["", "ip ", "arp ", "rarp "]))\(bytes.pick(directions))host \(bytes.pick(hosts))"
        case 3: return "\(bytes.pick(["", "ip "]))\(bytes.pick(directions))net \(bytes.pick(nets))"
        case 4: return "ip6 \(bytes.pick(directions))\(bytes.below(2) == 0 ? "host" : "net") \(bytes.pick(ip6Hosts))"
        case 5: return "ether \(bytes.pick(directions))host \(bytes.pick(macs))"
        case 6: return "\(bytes.pick(protocols))\(bytes.pick(directions))port \(port(&bytes))"
        case 7: return "\(bytes.pick(protocols))\(bytes.pick(directions))portrange \(bytes.below(1024))-\(bytes.byte())"
        case 8: return "\(bytes.pick(["", "ip ", "ip6 "]))proto \(bytes.pick(["6", "17", "1", "58", "44", "132", String(bytes.byte())]))"
        case 9: return bytes.below(2) == 0 ? "vlan \(bytes.below(4096))" : "vlan and \(primitive(&bytes))"
        case 10: return "\(bytes.pick(["len", "greater", "less"]))\(bytes.below(2) == 0 ? " >" : "") \(number(&bytes))"
        case 11: return "ether proto \(bytes.pick(["0x800", "0x86dd", "0x806", "0x88cc", "0x8100", "1500", String(bytes.word() & 0xffff)]))"
        case 12: return "mpls \(bytes.below(2) == 0 ? String(bytes.word() & 0xfffff) : "") and \(primitive(&bytes))"
        default: return relation(&bytes)
        }
    }

    static func relation(_ bytes: inout FuzzBytes) -> String {
        let relation = bytes.pick(["=", "==", "!=", "<", "<=", ">", ">="])
        return "\(arithmetic(&bytes, depth: 2)) \(relation) \(arithmetic(&bytes, depth: 2))"
    }

    static func arithmetic(_ bytes: inout FuzzBytes, depth: Int) -> String {
        switch depth > 0 ? bytes.below(7) : bytes.below(3) {
        case 0: return number(&bytes)
        case 1: return "len"
        case 2, 3:
            let size = bytes.pick(["", ":1", ":2", ":4"])
            let offset = bytes.below(3) == 0 && depth > 0 ? arithmetic(&bytes, depth: depth - 1) : String(bytes.below(64))
            return "\(bytes.pick(layers))[\(offset)\(size)]"
        case 4: return "-\(arithmetic(&bytes, depth: depth - 1))"
        default:
            let operation = bytes.pick(["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"])
            return "(\(arithmetic(&bytes, depth: depth - 1)) \(operation) \(arithmetic(&bytes, depth: depth - 1)))"
        }
    }
}
