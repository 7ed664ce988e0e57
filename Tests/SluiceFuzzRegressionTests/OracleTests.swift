import Foundation
import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluicePcap
import SluiceTestSupport
import Testing

/// The fuzzers' oracles are only as good as their agreement with the real
/// thing: the reference interpreter with the kernel's own classic-BPF
/// tests, the IR evaluator with libpcap on real captures.
@Suite struct OracleTests {
    @Test func referenceInterpreterReturnsWhatTheKernelTestsExpect() throws {
        guard let vectors = try LinuxClassicVectors.load() else { return }
        var compared = 0
        for vector in vectors.vectors where vector.expect == "run" && (vector.requires ?? []).isEmpty {
            for subtest in vector.subtests ?? [] where subtest.requires.isEmpty {
                let outcome = ReferenceInterpreter.run(vector.program, packet: subtest.packet, wireLength: subtest.packet_len,
                                                       metadata: PacketMetadata(linkLayerHeaderOffset: nil, networkHeaderOffset: nil))
                if case .unsupported = outcome { continue }
                #expect(outcome == .returned(subtest.expected, steps: stepCount(outcome)), "\(vector.name): \(outcome)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    private func stepCount(_ outcome: ReferenceInterpreter.Outcome) -> Int {
        if case .returned(_, let steps) = outcome { return steps }
        return -1
    }

    @Test func referenceInterpreterReportsWhatNoVerifiedProgramDoes() {
        let runOff = Program([Instruction(code: 0x00, k: 1)])
        #expect(ReferenceInterpreter.run(runOff, packet: [], wireLength: 0) == .invalid(index: 1, reason: "ran off the end of the program"))
        let badOpcode = Program([Instruction(code: 0xff), Instruction(code: 0x06)])
        guard case .invalid(index: 0, _) = ReferenceInterpreter.run(badOpcode, packet: [], wireLength: 0) else {
            Issue.record("an unknown opcode was run")
            return
        }
        // ld [x + k] with a wrapping sum (0xffffffff + 3 = 2) reads byte 2, as Linux does.
        let wrapped = Program([Instruction(code: 0x01, k: 0xffff_ffff), Instruction(code: 0x50, k: 3), Instruction(code: 0x16)])
        #expect(ReferenceInterpreter.run(wrapped, packet: [9, 8, 7], wireLength: 3) == .returned(7, steps: 3))
    }

    static let expressions = [
        "tcp port 80", "udp", "ip host 10.0.0.1", "ip6", "arp", "vlan", "vlan and ip", "icmp", "ip multicast",
        "ether broadcast", "ether multicast", "tcp[13] & 2 != 0", "ip[0] & 0xf > 5", "len > 100", "port 53",
        "portrange 1-1024", "ip6 net fe80::/10", "ip proto 17", "ip6 proto 58", "src net 192.168.0.0/16",
        "udp[4:2] > 100", "ip[6:2] & 0x1fff != 0", "tcp dst port 443 or udp src port 53", "not ip and not ip6",
    ]

    @Test func irEvaluatorAgreesWithLibpcapOnRealCaptures() throws {
        let captures = try SharedData.allCaptures()
        guard !captures.isEmpty else { return }
        var compared = 0
        for expression in Self.expressions {
            let filter = try FilterParser.parse(expression)
            let program = try LibpcapOracle.compile(expression)
            for url in captures.prefix(60) {
                guard let reader = try? CaptureReader(path: url.path), reader.linkType == 1 else { continue }
                for packet in reader.prefix(200) {
                    let want = LibpcapOracle.filter(program, packet: packet.data, wireLength: packet.wireLength)
                    switch IREvaluator.evaluate(filter, packet: packet.data, wireLength: packet.wireLength) {
                    case .match: #expect(want != 0, "\(expression) on \(url.lastPathComponent): IR matches, libpcap does not")
                    case .noMatch, .abort: #expect(want == 0, "\(expression) on \(url.lastPathComponent): libpcap matches, IR does not")
                    case .unknown: continue
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 1000)
    }

    @Test func randomPacketsAreDeterministicAndStructured() {
        var first = RandomPackets(bytes: Array(0..<200))
        var second = RandomPackets(bytes: Array(0..<200))
        let frames = (0..<5).map { _ in first.next() }
        #expect(frames == (0..<5).map { _ in second.next() })
        #expect(frames.allSatisfy { $0.wireLength >= 14 && $0.wireLength >= $0.bytes.count })
    }
}
