import Foundation
import SluiceBytecode
import SluiceInterpreter
import SluicePcap
import SluiceTestSupport
import Testing

/// libpcap's "apply" tests: an expression compiled for a savefile's link
/// type, with the return value libpcap's test suite expects for each of
/// its packets. Compiled here by this machine's libpcap, run by the
/// interpreter: a semantic check that does not depend on instruction order.
@Suite struct ApplyVectorTests {
    private struct File: Decodable {
        var apply: [Apply]
    }
    private struct Apply: Decodable {
        var name: String
        var savefile: String
        var expr: String
        var netmask: String?
        var results: [UInt32]
        var skip_reason_in_TESTrun: String?
    }

    @Test func compiledExpressionsGiveTheExpectedResultOnEveryPacket() throws {
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json"),
              let folder = try SharedData.file("captures/libpcap-filter") else { return }
        let blocks = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).apply
        var checked = 0
        var packets = 0
        var notCompiled: [String] = []
        var olderLibpcap: Set<String> = []
        var tally = DifferentialTally()
        var notLinux: Set<String> = []
        for block in blocks where block.skip_reason_in_TESTrun == nil {
            let reader = try CaptureReader(path: folder.appendingPathComponent(block.savefile).path)
            let capture = try reader.readAll()
            #expect(capture.count == block.results.count, "\(block.name)")
            for optimize in [true, false] {
                let program: SluiceBytecode.Program
                do {
                    program = try LibpcapOracle.compile(block.expr, linkType: reader.linkType, snaplen: reader.snapLength,
                                                        optimize: optimize, netmask: netmask(block.netmask))
                } catch {
                    notCompiled.append("\(block.name) (\(optimize ? "opt" : "unopt")): \(error)")
                    continue
                }
                guard let engine = linuxInterpreter(program) else {
                    notLinux.insert(block.name)
                    continue
                }
                let libpcap = try LibpcapProgram(program)
                let theirs = capture.map { libpcap.filter(packet: $0.data, wireLength: $0.wireLength) }
                for packet in capture {
                    tally.compare("\(block.name) (\(optimize ? "opt" : "unopt"))", engine, libpcap, packet.data, wireLength: packet.wireLength)
                }
                if theirs == block.results {
                    packets += capture.count
                } else {
                    olderLibpcap.insert("\(block.name): expected \(block.results), libpcap 1.10.3 \(theirs)")
                }
                checked += 1
            }
        }
        print("apply vectors: \(checked) programs equal bpf_filter; \(packets) packet results equal the vectors; libpcap 1.10.3 cannot compile \(notCompiled.count), compiles \(olderLibpcap.count) differently:")
        for reason in notCompiled + olderLibpcap.sorted() { print("  \(reason)") }
        print("  not Linux programs (backward jumps): \(notLinux.sorted())")
        print(tally.summary)
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.joined(separator: "\n"))")
        #expect(checked >= 270)
    }

    /// "255.255.255.0" as the host-order value pcap_compile takes.
    private func netmask(_ text: String?) -> UInt32 {
        guard let text else { return 0xffff_ffff }
        return text.split(separator: ".").compactMap { UInt32($0) }.reduce(0) { $0 << 8 | $1 }
    }
}
