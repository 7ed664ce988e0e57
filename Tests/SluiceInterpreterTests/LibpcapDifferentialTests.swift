import SluiceBytecode
import SluiceInterpreter
import SluicePcap
import Testing

/// The interpreter against libpcap's `bpf_filter`: every Ethernet program of
/// libpcap's test suite on every packet of every Ethernet capture. They
/// must agree except where a run reaches a documented divergence
/// (docs/interpreter.md), detected per run, never by program or capture.
@Suite struct LibpcapDifferentialTests {
    @Test func everyProgramOnEveryEthernetPacketMatchesBpfFilter() throws {
        guard let programs = try LibpcapEthernetPrograms.all(), let captures = try SharedCaptures.ethernet() else { return }
        let packets = captures.flatMap(\.packets)
        var tally = DifferentialTally()
        var notLinux: [String] = []
        for named in programs {
            guard let ours = linuxInterpreter(named.program) else {
                notLinux.append(named.name)
                continue
            }
            let theirs = try LibpcapProgram(named.program)
            for packet in packets {
                tally.compare(named.name, ours, theirs, packet.data, wireLength: packet.wireLength)
            }
        }
        print("differential: \(programs.count) programs x \(packets.count) packets from \(captures.count) Ethernet captures")
        print("  left out, Linux rejects them (backward jumps): \(notLinux)")
        print(tally.summary)
        #expect(programs.count >= 260)
        #expect(captures.count >= 490)
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.prefix(20).joined(separator: "\n"))")
    }

    /// The crafted captures (dissector-bug reproducers) once more, each
    /// packet also cut short at several lengths: no crash, same answers.
    @Test func craftedPacketsCutShortStillMatch() throws {
        guard let programs = try LibpcapEthernetPrograms.all(), let captures = try SharedCaptures.ethernet() else { return }
        let crafted = captures.filter { $0.name.hasPrefix("ethernet-crafted/") }.flatMap(\.packets)
        var tally = DifferentialTally()
        for named in programs {
            guard let ours = linuxInterpreter(named.program) else { continue }
            let theirs = try LibpcapProgram(named.program)
            for packet in crafted {
                for cut in Set([1, 14, 15, 34, packet.data.count / 2]) where cut < packet.data.count {
                    tally.compare(named.name, ours, theirs, Array(packet.data.prefix(cut)), wireLength: packet.wireLength)
                }
            }
        }
        print("crafted, cut short: \(programs.count) programs x \(crafted.count) packets")
        print(tally.summary)
        #expect(crafted.count > 1000)
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.prefix(20).joined(separator: "\n"))")
    }
}

/// Counts agreements, excused divergences (by kind) and mismatches.
struct DifferentialTally {
    var runs = 0
    var matches = 0
    var excused: [String: Int] = [:]
    var mismatches: [String] = []

    /// Runs both engines on one packet. A difference is excused only when
    /// our run reached a divergence point and libpcap's answer is the one
    /// that point predicts (0 when libpcap stops there).
    mutating func compare(_ name: String, _ ours: Interpreter, _ theirs: LibpcapProgram,
                          _ packet: [UInt8], wireLength: Int) {
        runs += 1
        let expected = theirs.filter(packet: packet, wireLength: wireLength)
        let result = ours.run(packet: packet, wireLength: wireLength)
        if result == expected {
            matches += 1
            return
        }
        let (traced, divergences) = ours.runRecordingDivergences(packet: packet, wireLength: wireLength)
        if traced == result, let first = divergences.first, !first.libpcapReturnsZero || expected == 0 {
            excused[label(first.kind), default: 0] += 1
        } else {
            mismatches.append("\(name): packet \(packet.prefix(16).map { String($0, radix: 16) }) wire \(wireLength): ours \(result), bpf_filter \(expected), divergences \(divergences)")
        }
    }

    private func label(_ kind: LibpcapDivergence.Kind) -> String {
        switch kind {
        case .indirectOffsetWrapped: "x + k wrapped"
        case .negativeOffset: "negative offset window"
        case .ancillaryLoad(let ancillary): "ancillary \(ancillary)"
        case .shiftByLargeX: "shift by x >= 32"
        }
    }

    var summary: String {
        let excusedText = excused.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return "  runs \(runs), equal \(matches), excused \(excused.values.reduce(0, +)) [\(excusedText)], mismatches \(mismatches.count)"
    }
}
