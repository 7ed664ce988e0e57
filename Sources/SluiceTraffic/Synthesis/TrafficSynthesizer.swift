/// Makes a realistic, reproducible capture: a seeded mix of web, TLS, DNS,
/// SSH (and an SSH brute force), NTP, ping, ICMP errors, ARP, VLAN trunk
/// traffic, IPv6 neighbour discovery, IP options and extension headers, a
/// SYN flood burst and VXLAN/Geneve tunnels. Every length and checksum is
/// right, so tcpdump and libpcap read it as they would a real capture.
///
/// The same seed and count give the same bytes on every machine.
public struct TrafficSynthesizer: Hashable, Sendable {
    /// Chooses the capture.
    public var seed: UInt64

    /// Makes a synthesizer for `seed`.
    public init(seed: UInt64 = 1) { self.seed = seed }

    /// The first packet's time: 2026-01-01 00:00:00 UTC.
    public static let startSeconds: UInt32 = 1_767_225_600

    /// How often each scenario is chosen after the first round, which runs
    /// every scenario once (in a seeded order) so that even a short capture
    /// holds every kind.
    static let weights: [(TrafficKind, Int)] = [
        (.web, 20), (.tls, 14), (.dns, 14), (.ssh, 4), (.sshBruteForce, 1), (.ntp, 5), (.ping, 6),
        (.icmpError, 4), (.arp, 7), (.vlan, 7), (.neighborDiscovery, 5), (.ipOptions, 3),
        (.synFlood, 1), (.vxlan, 5), (.geneve, 4),
    ]

    /// Exactly `count` packets, in time order.
    public func packets(count: Int) -> [SynthesizedPacket] {
        var run = SynthesisRun(seed: seed)
        var firstRound = TrafficKind.allCases
        for index in firstRound.indices.reversed() {  // seeded Fisher–Yates
            firstRound.swapAt(index, run.random.int(0...index))
        }
        var next = 0
        while run.packets.count < count {
            let kind: TrafficKind
            if next < firstRound.count {
                kind = firstRound[next]
                next += 1
            } else {
                kind = run.weightedKind()
            }
            run.play(kind)
            run.pause()
        }
        return Array(run.packets.prefix(max(0, count)))
    }
}

/// The mutable state of one synthesis: generator, clock, packets so far.
struct SynthesisRun {
    var random: SeededGenerator
    let network = SyntheticNetwork()
    /// Microseconds since `TrafficSynthesizer.startSeconds`.
    var clock: UInt64 = 0
    var packets: [SynthesizedPacket] = []

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func weightedKind() -> TrafficKind {
        let total = TrafficSynthesizer.weights.reduce(0) { $0 + $1.1 }
        var roll = random.int(0...(total - 1))
        for (kind, weight) in TrafficSynthesizer.weights {
            if roll < weight { return kind }
            roll -= weight
        }
        return .web
    }

    mutating func play(_ kind: TrafficKind) {
        switch kind {
        case .web: webSession(tls: false)
        case .tls: webSession(tls: true)
        case .dns: dnsLookup(vlanTags: [])
        case .ssh: sshSession()
        case .sshBruteForce: sshBruteForce()
        case .ntp: ntpExchange()
        case .ping: ping()
        case .icmpError: icmpError()
        case .arp: arpExchange(vlanTags: [], kind: .arp)
        case .vlan: vlanTrunk()
        case .neighborDiscovery: neighborDiscovery()
        case .ipOptions: ipOptions()
        case .synFlood: synFlood()
        case .vxlan, .geneve: tunnel(kind)
        }
    }

    /// Records frames, `gap` microseconds apart (random in the range).
    mutating func emit(_ kind: TrafficKind, _ frames: [[UInt8]], gap: ClosedRange<Int> = 40...1500) {
        for frame in frames {
            clock += UInt64(random.int(gap))
            packets.append(SynthesizedPacket(
                seconds: TrafficSynthesizer.startSeconds &+ UInt32(truncatingIfNeeded: clock / 1_000_000),
                microseconds: UInt32(clock % 1_000_000), data: frame, kind: kind))
        }
    }

    /// Idle time between scenarios.
    mutating func pause() { clock += UInt64(random.int(500...30000)) }

    /// A random LAN client.
    mutating func client() -> NetworkHost {
        network.lan(UInt8(random.int(SyntheticNetwork.clients)))
    }
}
