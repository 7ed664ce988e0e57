import Foundation
import Testing

/// `sluice synth`, checked by an outside reader: tcpdump (libpcap) must read
/// every packet, find no bad checksum, and its filters must count each
/// kind of traffic exactly as the synthesizer reports it.
@Suite struct SynthCommandTests {
    @Test func tcpdumpReadsEveryPacketWithValidChecksums() throws {
        let folder = try TemporaryDirectory()
        let capture = folder.file("mix.pcap")
        let result = try Sluice.run("synth", "-o", capture, "--count", "800", "--seed", "7", "--summary")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.first == "wrote 800 packets to \(capture) (seed 7)")
        #expect(result.stderr.isEmpty)

        guard let tcpdump = ProcessRunner.find("tcpdump") else {
            Issue.record("tcpdump is not installed (scripts/test.sh installs it)")
            return
        }
        func count(_ filter: String...) throws -> Int {
            let read = try ProcessRunner.run(tcpdump, ["-r", capture, "-nn"] + filter)
            #expect(read.status == 0, "\(read)")
            return read.stdoutLines.filter { $0.first?.isNumber == true }.count  // one timestamped line per packet
        }
        #expect(try count() == 800)

        let verbose = try ProcessRunner.run(tcpdump, ["-r", capture, "-nn", "-vv"])
        for complaint in ["bad cksum", "incorrect", "malformed", "invalid"] {
            #expect(!verbose.stdout.lowercased().contains(complaint), "tcpdump says \(complaint)")
        }

        // The synthesizer's own per-kind counts, as printed by --summary.
        var summary: [String: Int] = [:]
        for line in result.stdoutLines.dropFirst() {
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let value = Int(parts[1]) { summary[parts[0]] = value }
        }
        #expect(summary.values.reduce(0, +) == 800)
        // Filters that select exactly one kind of synthesized traffic.
        #expect(try count("arp") == summary["arp", default: 0])
        #expect(try count("vlan") == summary["vlan", default: 0])
        #expect(try count("udp port 4789") == summary["vxlan", default: 0])
        #expect(try count("geneve") == summary["geneve", default: 0])
        #expect(try count("udp port 123") == summary["ntp", default: 0])
        #expect(try count("ip6 protochain 58 and not icmp6[icmp6type] == icmp6-echo and not icmp6[icmp6type] == icmp6-echoreply")
                == summary["neighborDiscovery", default: 0])
        #expect(try count("tcp[tcpflags] == tcp-syn and tcp dst port 80 and src net not 10.0.0.0/8")
                >= summary["synFlood", default: 0] * 2 / 3)
    }

    @Test func sameSeedWritesTheSameFile() throws {
        let folder = try TemporaryDirectory()
        for name in ["a.pcap", "b.pcap"] {
            #expect(try Sluice.run("synth", "-o", folder.file(name), "--count", "200", "--seed", "99").status == 0)
        }
        #expect(FileManager.default.contents(atPath: folder.file("a.pcap")) == FileManager.default.contents(atPath: folder.file("b.pcap")))
    }

    @Test func badUsageExitsTwoWithAMessage() throws {
        let missing = try Sluice.run("synth")
        #expect(missing.status == 2 && missing.stderr.contains("--output"), "\(missing)")
        let negative = try Sluice.run("synth", "-o", "/tmp/never.pcap", "--count", "-5")
        #expect(negative.status == 2 && negative.stderr.contains("--count"), "\(negative)")
        let unwritable = try Sluice.run("synth", "-o", "/nonexistent-folder/x.pcap", "--count", "3")
        #expect(unwritable.status == 2 && unwritable.stderr.contains("/nonexistent-folder/x.pcap"), "\(unwritable)")
        let unknown = try Sluice.run("synth", "-o", "/tmp/never.pcap", "--bogus")
        #expect(unknown.status == 2 && unknown.stderr.contains("--bogus"), "\(unknown)")
    }
}
