/// One filter of the XDP benchmark: the expression, the C function that
/// implements it by hand (C/filters.bpf.c), and a frame it matches.
struct BenchmarkFilter: Sendable {
    /// The pcap-filter expression.
    var expression: String
    /// The function in filters.bpf.c with the same semantics.
    var cFunction: String
    /// A frame the filter matches (the run goes through every test on its path).
    var packet: [UInt8]

    /// The filters the issue asks for.
    static let all: [BenchmarkFilter] = [
        BenchmarkFilter(expression: "tcp dst port 80", cFunction: "tcp_dport_80",
                        packet: frame(protocol: 6, source: [10, 0, 0, 9], destination: [10, 0, 0, 2], ports: (40000, 80))),
        BenchmarkFilter(expression: "ip host 10.0.0.1 and tcp", cFunction: "host_and_tcp",
                        packet: frame(protocol: 6, source: [10, 0, 0, 9], destination: [10, 0, 0, 1], ports: (40000, 22))),
        BenchmarkFilter(expression: "tcp port 80 or tcp port 443 or udp port 53 or icmp", cFunction: "web_dns_icmp",
                        packet: frame(protocol: 17, source: [10, 0, 0, 9], destination: [10, 0, 0, 53], ports: (40000, 53))),
    ]

    /// A 64-byte Ethernet/IPv4 frame with a TCP or UDP header (checksums zero).
    static func frame(protocol proto: UInt8, source: [UInt8], destination: [UInt8], ports: (UInt16, UInt16)) -> [UInt8] {
        var bytes: [UInt8] = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00]
        bytes += [0x45, 0, 0, 50, 0, 1, 0x40, 0, 64, proto, 0, 0] + source + destination
        bytes += [UInt8(ports.0 >> 8), UInt8(ports.0 & 0xff), UInt8(ports.1 >> 8), UInt8(ports.1 & 0xff)]
        bytes += [UInt8](repeating: 0, count: 64 - bytes.count)
        return bytes
    }
}
