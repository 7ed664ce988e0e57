import ArgumentParser
import SluiceTraffic

/// `sluice synth`: writes a reproducible capture of realistic traffic.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic pcap capture: a seeded mix of realistic traffic.",
        discussion: """
            The mix holds web and TLS sessions, DNS, SSH (and an SSH brute force), NTP, ping, \
            ICMP errors, ARP, 802.1Q/QinQ trunk traffic, IPv6 neighbour discovery, IP options \
            and IPv6 extension headers, a SYN flood burst, and VXLAN/Geneve tunnels. The same \
            seed and count always give the same file.
            """)

    @Option(name: .shortAndLong, help: "The capture file to write.")
    var output: String

    @Option(help: "How many packets to write.")
    var count: Int = 1000

    @Option(help: "The seed that chooses the traffic.")
    var seed: UInt64 = 1

    @Flag(help: "Also print how many packets of each kind were written.")
    var summary = false

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more, not \(count)") }
        guard count <= 10_000_000 else { throw ValidationError("--count must be at most 10000000") }
    }

    func run() throws {
        let packets = TrafficSynthesizer(seed: seed).packets(count: count)
        do {
            try PcapFile.write(packets, to: output)
        } catch {
            throw CLIFailure.badInput(error.description)
        }
        print("wrote \(packets.count) packets to \(output) (seed \(seed))")
        if summary {
            for kind in TrafficKind.allCases {
                let matching = packets.filter { $0.kind == kind }.count
                if matching > 0 { print("  \(kind.rawValue): \(matching)") }
            }
        }
    }
}
