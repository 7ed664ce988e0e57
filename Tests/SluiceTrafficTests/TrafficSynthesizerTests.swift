import Testing
@testable import SluiceTraffic

@Suite struct TrafficSynthesizerTests {
    @Test func producesExactlyTheCountAsked() {
        for count in [0, 1, 7, 150, 1000] {
            #expect(TrafficSynthesizer(seed: 3).packets(count: count).count == count)
        }
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() {
        let a = PcapFile.encode(TrafficSynthesizer(seed: 42).packets(count: 300))
        let b = PcapFile.encode(TrafficSynthesizer(seed: 42).packets(count: 300))
        let c = PcapFile.encode(TrafficSynthesizer(seed: 43).packets(count: 300))
        #expect(a == b)
        #expect(a != c)
    }

    @Test func everyChecksumIsValid() {
        var checked: [String: Int] = [:]
        for (index, packet) in TrafficSynthesizer(seed: 11).packets(count: 2000).enumerated() {
            let report = ChecksumWalker.walk(packet.data)
            #expect(report.failures.isEmpty, "packet \(index) (\(packet.kind)): \(report.failures)")
            for what in report.checked { checked[what, default: 0] += 1 }
        }
        // Every checksum family was really exercised.
        for what in ["ipv4", "tcp", "udp", "icmp", "icmp6", "igmp", "arp", "ipv6-fragment"] {
            #expect(checked[what, default: 0] > 0, "no \(what) packet checked")
        }
    }

    @Test func everyScenarioAppearsAndTimeMovesForward() {
        let packets = TrafficSynthesizer(seed: 5).packets(count: 1000)
        #expect(Set(packets.map(\.kind)) == Set(TrafficKind.allCases))
        let times = packets.map { UInt64($0.seconds) * 1_000_000 + UInt64($0.microseconds) }
        #expect(times == times.sorted())
        #expect(packets.allSatisfy { $0.data.count >= EthernetFrame.minimumLength && $0.data.count <= 1514 + 8 })
    }

    @Test func pcapHeaderAndRecordsFollowTheSavefileFormat() {
        let packets = TrafficSynthesizer(seed: 9).packets(count: 3)
        let file = PcapFile.encode(packets, snapLength: 64)
        #expect(Array(file.prefix(8)) == [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0])
        #expect(Array(file[16..<24]) == [64, 0, 0, 0, 1, 0, 0, 0])
        // First record: included length capped at the snap length, original length kept.
        let included = UInt32(file[32]) | UInt32(file[33]) << 8
        let original = UInt32(file[36]) | UInt32(file[37]) << 8
        #expect(included == UInt32(min(64, packets[0].data.count)))
        #expect(original == UInt32(packets[0].data.count))
        let expectedSize = 24 + packets.reduce(0) { $0 + 16 + min(64, $1.data.count) }
        #expect(file.count == expectedSize)
    }
}
