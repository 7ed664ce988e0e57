/// One packet of a synthesized capture.
public struct SynthesizedPacket: Hashable, Sendable {
    /// Seconds since the Unix epoch.
    public var seconds: UInt32
    /// Microseconds within the second.
    public var microseconds: UInt32
    /// The frame's bytes, starting with the Ethernet header.
    public var data: [UInt8]
    /// Which scenario produced it.
    public var kind: TrafficKind

    /// Makes a packet record.
    public init(seconds: UInt32, microseconds: UInt32, data: [UInt8], kind: TrafficKind) {
        self.seconds = seconds
        self.microseconds = microseconds
        self.data = data
        self.kind = kind
    }
}

/// The scenarios the synthesizer mixes (what each filter in `Filters/` looks for).
public enum TrafficKind: String, CaseIterable, Hashable, Sendable {
    /// HTTP over TCP port 80, IPv4 or IPv6, full connection.
    case web
    /// TLS over TCP port 443 (ClientHello with SNI, then ciphertext).
    case tls
    /// DNS queries and answers over UDP port 53.
    case dns
    /// An interactive SSH session on port 22.
    case ssh
    /// Many short connection attempts to port 22 from one source.
    case sshBruteForce
    /// NTP client/server exchanges on UDP port 123.
    case ntp
    /// ICMP echo request/reply pairs.
    case ping
    /// ICMP errors: port unreachable and time exceeded.
    case icmpError
    /// ARP requests and replies.
    case arp
    /// 802.1Q-tagged traffic on a trunk, sometimes double tagged (QinQ).
    case vlan
    /// IPv6 neighbour discovery: RS, RA, NS, NA, and MLD with a hop-by-hop header.
    case neighborDiscovery
    /// IPv6 with extension headers (fragment, destination options) and IPv4 with options.
    case ipOptions
    /// A burst of SYNs from spoofed sources to one web server.
    case synFlood
    /// VXLAN (UDP 4789) tunnelled frames.
    case vxlan
    /// Geneve (UDP 6081) tunnelled frames.
    case geneve
}
