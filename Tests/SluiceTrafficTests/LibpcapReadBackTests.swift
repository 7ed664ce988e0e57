import Foundation
import SluicePcap
import Testing
@testable import SluiceTraffic

/// The synthesizer's files read back through libpcap (`CaptureReader`), and
/// libpcap's own compiled filters (`pcap_compile` + `bpf_filter`) count each
/// kind of traffic exactly as the synthesizer labelled it.
@Suite struct LibpcapReadBackTests {
    @Test func libpcapReadsBackEveryPacketUnchanged() throws {
        let packets = TrafficSynthesizer(seed: 21).packets(count: 1500)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-traffic-\(UUID().uuidString).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PcapFile.write(packets, to: path)
        let reader = try CaptureReader(path: path)
        #expect(reader.linkType == 1)
        let read = try reader.readAll()
        #expect(read.count == packets.count)
        for (ours, theirs) in zip(packets, read) {
            #expect(theirs.data == ours.data)
            #expect(theirs.wireLength == ours.data.count)
            #expect(theirs.timestamp.seconds == Int(ours.seconds))
            #expect(theirs.timestamp.nanoseconds == Int(ours.microseconds) * 1000)
        }
    }

    @Test func snapLengthTruncatesButKeepsTheWireLength() throws {
        let packets = TrafficSynthesizer(seed: 2).packets(count: 200)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-snap-\(UUID().uuidString).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try PcapFile.write(packets, to: path, snapLength: 96)
        let read = try CaptureReader(path: path).readAll()
        #expect(read.map(\.wireLength) == packets.map(\.data.count))
        #expect(read.map(\.data) == packets.map { Array($0.data.prefix(96)) })
    }

    @Test func libpcapFiltersCountEachKindExactly() throws {
        let packets = TrafficSynthesizer(seed: 8).packets(count: 3000)
        func matches(_ expression: String) throws -> Int {
            let program = try LibpcapOracle.compile(expression)
            return packets.filter { LibpcapOracle.filter(program, packet: $0.data, wireLength: $0.data.count) != 0 }.count
        }
        func labelled(_ kind: TrafficKind) -> Int { packets.filter { $0.kind == kind }.count }
        #expect(try matches("arp") == labelled(.arp))
        #expect(try matches("vlan") == labelled(.vlan))
        #expect(try matches("udp port 4789") == labelled(.vxlan))
        #expect(try matches("geneve") == labelled(.geneve))
        #expect(try matches("udp port 123") == labelled(.ntp))
        #expect(try matches("tcp port 443") == labelled(.tls))
        #expect(try matches("tcp port 22") == labelled(.ssh) + labelled(.sshBruteForce))
        #expect(try matches("icmp6 or (ip6 and ip6[6] == 0)") == labelled(.neighborDiscovery)
                + packets.filter { $0.kind == .ping && $0.data[12] == 0x86 }.count)
        // The flood's SYNs have no options (20-byte TCP header); every other SYN has.
        #expect(try matches("tcp[tcpflags] == tcp-syn and tcp[12] == 0x50") ==
                packets.filter { $0.kind == .synFlood && $0.data[47] == 0x02 }.count)
    }
}
