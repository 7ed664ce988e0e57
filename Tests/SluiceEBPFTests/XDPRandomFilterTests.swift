import Foundation
import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluiceKernel
import SluicePcap
import SluiceTestSupport
import Testing
@testable import SluiceEBPF

/// Random filters over the directly generated primitives: the kernel
/// verifier always accepts the generated code, and its verdict equals that
/// of libpcap's cBPF for the filter's canonical text, on real frames and
/// on truncated copies of them (to exercise every bounds check); and XDP is
/// never alone against the interpreter on Sluice's own cBPF and libpcap.
@Suite(.serialized) struct XDPRandomFilterTests {
    /// SplitMix64: deterministic, so a failure names a reproducible seed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// Values seen in the frames, so random tests hit as often as they miss.
    struct Vocabulary {
        var macs: [UInt64] = [0xffff_ffff_ffff]
        var ipv4: [UInt32] = [0x0a00_0001]
        var ipv6: [[UInt8]] = [[0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [1]]
        var ports: [UInt16] = [53, 80, 443, 22, 123, 67, 68, 5353]

        init(_ frames: [[UInt8]]) {
            for frame in frames.prefix(400) {
                macs.append(frame[6..<12].reduce(0) { $0 << 8 | UInt64($1) })
                let type = UInt16(frame[12]) << 8 | UInt16(frame[13])
                if type == 0x0800, frame.count >= 38 {
                    ipv4.append(frame[26..<30].reduce(0) { $0 << 8 | UInt32($1) })
                    let ihl = Int(frame[14] & 0xf) * 4
                    if frame.count >= 14 + ihl + 4 { ports.append(UInt16(frame[14 + ihl]) << 8 | UInt16(frame[15 + ihl])) }
                } else if type == 0x86dd, frame.count >= 54 {
                    ipv6.append(Array(frame[22..<38]))
                }
            }
        }
    }

    static func atom(_ r: inout Random, _ v: Vocabulary) -> Atom {
        let directions: [Direction] = [.source, .destination, .sourceOrDestination, .sourceAndDestination]
        switch r.below(14) {
        case 12:
            let size = r.pick([1, 2, 4]), offset = UInt32(r.below(40))
            let load = ArithmeticExpression.load(.link, offset: .constant(offset), size: size)
            // Valid filters only: libpcap rejects constant division by 0 and shifts past 31.
            let op: ArithmeticOperator = r.pick([.and, .add, .divide, .modulo, .shiftRight])
            let operand = UInt32(op == .shiftRight ? r.below(32) : op == .divide || op == .modulo ? 1 + r.below(300) : r.below(300))
            let lhs: ArithmeticExpression = r.below(2) == 0 ? load : .binary(op, load, .constant(operand))
            return .comparison(lhs, r.pick(Relation.allCases), .constant(UInt32(r.below(4) == 0 ? 0 : r.below(70_000))))
        case 13:
            return .comparison(.length, r.pick(Relation.allCases), .constant(UInt32(r.below(200))))
        case 11: return .vlan(r.below(2) == 0 ? nil : r.pick([1, 2, 10, 100, 1000]))
        case 0: return .linkProtocol(r.pick([0x0800, 0x86dd, 0x0806, 0x8035, 0x88b5, 0x8100]))
        case 1: return .etherHost(MACAddress(r.pick(v.macs)), r.pick(directions))
        case 2: return r.below(2) == 0 ? .etherBroadcast : .etherMulticast
        case 3:
            let prefix = r.pick([8, 16, 24, 32])
            let mask = UInt32.max << (32 - prefix)
            return .ipv4Address(IPv4Network(address: r.pick(v.ipv4) & mask, mask: mask), r.pick(directions),
                                r.pick([.ip, .ip, .arp, .rarp]))
        case 4:
            let prefix = r.pick([128, 64, 48, 16])
            var bytes = r.pick(v.ipv6)
            for bit in prefix..<128 { bytes[bit / 8] &= ~(0x80 >> UInt8(bit % 8)) }
            return .ipv6Address(IPv6Network(address: bytes, prefixLength: prefix), r.pick(directions))
        case 5: return r.below(2) == 0 ? .ipMulticast : .ipv6Multicast
        case 6: return .ipBroadcast(netmask: 0xffff_ff00)
        case 7, 8: return .ipProtocol(r.pick([1, 2, 6, 17, 44, 50, 58, 132]), r.pick([.v4, .v6, .any]))
        default:
            let a = r.pick(v.ports), b = r.below(3) == 0 ? r.pick(v.ports) : a
            return .port(PortRange(a, b), r.pick(directions), r.pick([nil, .tcp, .udp, .sctp]))
        }
    }

    static func filter(_ r: inout Random, _ v: Vocabulary, depth: Int) -> Filter {
        if depth == 0 || r.below(3) == 0 { return .atom(atom(&r, v)) }
        switch r.below(3) {
        case 0: return .not(filter(&r, v, depth: depth - 1))
        case 1: return .and((0..<(2 + r.below(2))).map { _ in filter(&r, v, depth: depth - 1) })
        default: return .or((0..<(2 + r.below(2))).map { _ in filter(&r, v, depth: depth - 1) })
        }
    }

    @Test func randomFiltersPassTheVerifierAndAgreeWithTheInterpreterAndLibpcap() throws {
        guard try KernelAccess.check("XDP test runs"), let (corpus, _) = try EthernetCorpus.frames() else { return }
        let count = Int(ProcessInfo.processInfo.environment["SLUICE_RANDOM_FILTERS"] ?? "") ?? 2_000
        let vocabulary = Vocabulary(corpus)
        var r = Random(state: 0x5151_1cee)
        // A spread of real frames, and truncated copies of some of them.
        var frames = (0..<48).map { corpus[($0 * 7919) % corpus.count] }
        var cut: [[UInt8]] = []
        for frame in frames.prefix(16) where frame.count > 15 { cut.append(Array(frame.prefix(14 + r.below(frame.count - 14)))) }
        // 802.1Q and QinQ tagged copies (tags inserted after the MAC addresses).
        for (index, frame) in frames.prefix(12).enumerated() {
            let id = [1, 2, 10, 100, 1000, 7][index % 6]
            let tag: [UInt8] = [0x81, 0x00, UInt8(id >> 8), UInt8(id & 0xff)]
            let outer: [UInt8] = index % 3 == 0 ? [0x88, 0xa8, 0x00, 0x0a] : []
            frames.append(Array(frame[0..<12]) + outer + tag + Array(frame[12...]))
        }
        frames += cut
        var mismatches: [String] = [], rejectedByLibpcap = 0, compilerFindings: [String] = []
        for index in 0..<count {
            var filter = Self.filter(&r, vocabulary, depth: 3)
            let text = filter.description
            // After `vlan` later primitives see one more tag: the parser
            // records that (Encapsulation), so such filters go through it.
            if text.contains("vlan") {
                do {
                    filter = try FilterParser.parse(text, netmask: 0xffff_ff00)
                } catch {
                    Issue.record("the printed filter `\(text)` does not parse: \(error)")
                    continue
                }
            }
            let program: BPFProgram
            do {
                program = try loadXDP(try XDPCodeGenerator.generate(filter, result: .report))
            } catch {
                Issue.record("filter #\(index) `\(text)` failed to load: \(error)")
                continue
            }
            // libpcap's optimizer can drop or move loads, which changes the
            // result on frames cut short; the unoptimized program keeps the
            // formula's order of loads, which is what the generator follows.
            let oracle: SluiceBytecode.Program
            do {
                oracle = try LibpcapOracle.compile(text, optimize: false, netmask: 0xffff_ff00)
            } catch {
                if rejectedByLibpcap < 5 { print("libpcap rejects: \(String(describing: error).suffix(120))") }
                rejectedByLibpcap += 1
                continue
            }
            // Every fourth filter also goes the other way: libpcap's optimized
            // cBPF, translated, against that same program.
            var translated: (BPFProgram, SluiceBytecode.Program)?
            if index % 4 == 0, let optimized = try? LibpcapOracle.compile(text, netmask: 0xffff_ff00) {
                translated = (try loadXDP(try CBPFTranslator.translate(instructions: optimized, result: .report)), optimized)
            }
            // And Sluice's own cBPF for the same IR, under the interpreter.
            let interpreter: Interpreter?
            do {
                let compiled = try FilterCompiler.compile(filter, options: CompileOptions(optimize: false, netmask: 0xffff_ff00))
                interpreter = Interpreter(compiled.program)
            } catch {
                Issue.record("#\(index) `\(text)`: Sluice does not compile it: \(error)")
                interpreter = nil
            }
            for frame in frames {
                let want = LibpcapOracle.filter(oracle, packet: frame, wireLength: frame.count) != 0
                let got = XDPResultMode.report.matched(returnValue: try program.retval(frame))
                let bytes = frame.prefix(40).map { hex($0, width: 2) }.joined()
                if got != want, mismatches.count < 10 {
                    mismatches.append("#\(index) `\(text)` on \(frame.count)-byte frame \(bytes): xdp \(got), libpcap \(want)")
                }
                // Three engines vote: XDP must never be the odd one out. Where
                // Sluice's compiler alone differs from libpcap (its order of
                // loads on short frames, or a bug there), that is reported
                // as a finding about the compiler, not as an XDP failure.
                if let interpreter {
                    let interpreted = interpreter.run(packet: frame, wireLength: frame.count) != 0
                    if interpreted != got, interpreted == want, mismatches.count < 10 {
                        mismatches.append("#\(index) `\(text)` on \(frame.count)-byte frame \(bytes): xdp \(got), interpreter and libpcap \(want)")
                    } else if interpreted != got, compilerFindings.count < 3 {
                        compilerFindings.append("#\(index) `\(text)` on \(frame.count)-byte frame \(bytes): xdp and libpcap \(got), Sluice's cBPF \(interpreted)")
                    }
                }
                if let (xdp, cbpf) = translated {
                    let want = LibpcapOracle.filter(cbpf, packet: frame, wireLength: frame.count) != 0
                    if XDPResultMode.report.matched(returnValue: try xdp.retval(frame)) != want, mismatches.count < 10 {
                        mismatches.append("#\(index) translated `\(text)` on \(frame.count)-byte frame: libpcap \(want)")
                    }
                }
            }
        }
        for finding in compilerFindings { print("finding (compiler, not XDP): \(finding)") }
        print("random filters: \(count) generated and verified, \(rejectedByLibpcap) not compilable by libpcap, \(frames.count) frames each, \(mismatches.count) mismatches")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(rejectedByLibpcap < count / 20, "libpcap rejected \(rejectedByLibpcap) printed filters")
    }
}
