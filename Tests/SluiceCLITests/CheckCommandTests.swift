import Foundation
import Testing

/// `sluice check`: Sluice against libpcap (and XDP as root) on a capture.
@Suite struct CheckCommandTests {
    /// A synthesized capture of realistic traffic.
    private func capture(_ folder: TemporaryDirectory, count: Int = 200) throws -> String {
        let path = folder.file("traffic.pcap")
        let made = try Sluice.run("synth", "-o", path, "--count", String(count))
        #expect(made.status == 0, "\(made)")
        return path
    }

    @Test func agreeingFiltersExitZeroWithASummary() throws {
        let folder = try TemporaryDirectory()
        let path = try capture(folder)
        for expression in ["tcp port 80", "udp or icmp", "vlan and ip", "ip6 and not tcp", "tcp[13] & 2 != 0"] {
            let result = try Sluice.run(["check", "-r", path] + expression.split(separator: " ").map(String.init))
            #expect(result.status == 0, "\(expression): \(result)")
            let summary = result.stdoutLines.last ?? ""
            #expect(summary.hasPrefix("200 packets, 0 disagreements; matched: sluice "), "\(expression): \(summary)")
            // Same number matched by every engine.
            let counts = summary.split(separator: ";").last.map { part in
                part.split(separator: ",").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }
            } ?? []
            #expect(counts.count >= 2 && Set(counts).count == 1, "\(expression): \(summary)")
        }
    }

    @Test func everyReportedPacketReallyDisagrees() throws {
        let folder = try TemporaryDirectory()
        let path = try capture(folder)
        // 14 + 0xffeffff2 wraps to SKF_NET_OFF: Linux reads the network
        // header there, libpcap's bpf_filter fails the load. While the
        // compiler emits that load, Sluice and libpcap disagree on IPv4.
        let result = try Sluice.run("check", "-r", path, "--no-xdp", "ip[0xffeffff2] = 0x45")
        let reports = result.stdoutLines.filter { $0.hasPrefix("packet ") }
        if result.status == 0 {
            #expect(reports.isEmpty)
            return
        }
        #expect(result.status == 1, "\(result)")
        guard reports.isEmpty else {
            for line in reports {
                // "packet N: sluice A, libpcap B[, xdp V]"
                let numbers = line.split(whereSeparator: { " :,".contains($0) }).compactMap { UInt32($0) }
                guard numbers.count >= 3 else {
                    Issue.record("unreadable report line: \(line)")
                    continue
                }
                let libpcapAgrees = numbers[1] == numbers[2]
                let xdpAgrees = numbers.count < 4 || (numbers[3] == 1) == (numbers[1] != 0)
                #expect(!(libpcapAgrees && xdpAgrees), "reported but all agree: \(line)")
            }
            #expect(result.stdoutLines.last?.contains("\(reports.count) disagreement") == true, "\(result)")
            return
        }
        // Otherwise one of the compilers rejected it, which is also status 1.
        #expect(result.stderr.contains("rejected") || result.stderr.contains("libpcap"), "\(result)")
    }

    @Test func rejectedExpressionsExitOne() throws {
        let folder = try TemporaryDirectory()
        let path = try capture(folder, count: 5)
        let ours = try Sluice.run("check", "-r", path, "tcp", "port")
        #expect(ours.status == 1, "\(ours)")
        #expect(ours.stderr.contains("^"), "a caret under the fault: \(ours)")
    }

    @Test func badInputExitsTwo() throws {
        let folder = try TemporaryDirectory()
        let missing = try Sluice.run("check", "-r", folder.file("missing.pcap"), "ip")
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("missing.pcap"), "\(missing)")
        let path = try capture(folder, count: 5)
        let noFilter = try Sluice.run("check", "-r", path)
        #expect(noFilter.status == 2, "\(noFilter)")
        let garbage = try folder.write("garbage.pcap", Array("not a capture".utf8))
        let unreadable = try Sluice.run("check", "-r", garbage, "ip")
        #expect(unreadable.status == 2, "\(unreadable)")
    }
}
