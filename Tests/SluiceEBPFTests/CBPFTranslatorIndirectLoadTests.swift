import Foundation
import PropertyBased
import SluiceBytecode
import SluiceInterpreter
import SluiceKernel
import SluiceTestSupport
import SluiceVerifier
import Testing
@testable import SluiceEBPF

/// Random verified classic programs built around `ld [x + k]` with X that
/// went through ALU work (`txa; op; tax`, `ldx M[]`, `ldxb 4*([k]&0xf)`),
/// and k from every range that matters (small, near the 0x7fff limit, past
/// 2^29 where the kernel's linked-register deltas stop (docs/fuzzing.md,
/// finding 7), in the SKF_* windows, and just below 2^32 so that X + k wraps
/// back into the frame): the translation always passes the kernel verifier,
/// and `BPF_PROG_TEST_RUN` returns exactly the interpreter's value.
@Suite(.serialized) struct CBPFTranslatorIndirectLoadTests {
    typealias Random = XDPRandomFilterTests.Random

    static let count = ProcessInfo.processInfo.environment["SLUICE_TRANSLATOR_CASES"].flatMap(Int.init) ?? 2000

    @Test func indirectLoadsAfterALUOnXVerifyAndAgree() async throws {
        guard try KernelAccess.check("loading XDP programs") else { return }
        let noHeaders = PacketMetadata(linkLayerHeaderOffset: nil, networkHeaderOffset: nil)
        await propertyCheck(count: Self.count, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = Random(state: seed)
            let verified = Self.verifiedProgram(&random)
            let listing = verified.program.map { "{ 0x\(String($0.code, radix: 16)), \($0.jt), \($0.jf), 0x\(String($0.k, radix: 16)) }" }
                .joined(separator: ", ")
            let translated: EBPFProgram
            do {
                translated = try CBPFTranslator.translate(verified, result: .raw)
            } catch {
                Issue.record("seed \(seed): translation failed: \(error)\n\(listing)")
                return
            }
            let loaded: BPFProgram
            do {
                loaded = try loadXDP(translated, name: "sluice_ind")
            } catch {
                Issue.record("seed \(seed): kernel verifier rejected the translation: \(error)\n\(listing)")
                return
            }
            var packets = RandomPackets(bytes: (0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            for _ in 0..<3 {
                var frame = packets.next().bytes
                if frame.count < 14 { frame += [UInt8](repeating: 0, count: 14 - frame.count) }
                let expected = Interpreter(verified).run(packet: frame, metadata: noHeaders)
                let actual = try? loaded.retval(frame)
                #expect(actual == expected, "seed \(seed): kernel \(actual.map(String.init) ?? "error"), interpreter \(expected)\n\(listing)")
            }
        }
    }

    /// The first random program the classic verifier accepts (XDP has no
    /// ancillary data, so none is allowed).
    static func verifiedProgram(_ random: inout Random) -> VerifiedProgram {
        while true {
            let program = Program(instructions(&random))
            if let verified = try? Verifier.verify(program, options: VerifierOptions(supportedAncillary: [])) {
                return verified
            }
        }
    }

    /// A straight-line body of 3…20 steps with forward jumps, ending in a return.
    static func instructions(_ random: inout Random) -> [Instruction] {
        var body: [Instruction] = []
        var stored = Set<UInt32>()
        for _ in 0..<(3 + random.below(18)) {
            switch random.below(12) {
            case 0, 1, 2:
                body.append(.load(random.pick(LoadSize.allCases), indirect: offset(&random)))
            case 3:
                body.append(.loadXImmediate(xValue(&random)))
            case 4:
                // ALU work on X, through A.
                body += [.txa, alu(&random), .tax]
            case 5:
                body.append(alu(&random))
            case 6:
                body.append(random.pick([.tax, .txa, .loadXLength, .loadXHeaderLength(UInt32(random.below(40)))]))
            case 7:
                let slot = UInt32(random.below(4))
                body.append(random.below(2) == 0 ? .store(slot) : .storeX(slot))
                stored.insert(slot)
            case 8:
                guard !stored.isEmpty else { continue }
                let slot = random.pick(stored.sorted())
                body.append(random.below(2) == 0 ? .loadXScratch(slot) : .loadScratch(slot))
            case 9:
                body.append(.load(random.pick(LoadSize.allCases), absolute: UInt32(random.below(60))))
            case 10:
                body.append(.loadImmediate(xValue(&random)))
            default:
                let op = random.pick([JumpOperation.jeq, .jgt, .jge, .jset])
                let jt = UInt8(random.below(4)), jf = UInt8(random.below(4))
                body.append(random.below(2) == 0 ? .jumpX(op, true: jt, false: jf) : .jump(op, xValue(&random), true: jt, false: jf))
            }
        }
        // Jumps may land up to 3 past the body: pad with returns.
        return body + [.returnA, .return(random.next() % 3 == 0 ? 0 : 0xffff), .returnA, .return(1)]
    }

    /// `op #k` or `op x` on A, never a constant division by 0 or a shift by 32 or more.
    static func alu(_ random: inout Random) -> Instruction {
        let op = random.pick(ALUOperation.allCases)
        if op == .neg { return .negate }
        if random.below(3) == 0 { return .aluX(op) }
        switch op {
        case .lsh, .rsh: return .alu(op, UInt32(random.below(32)))
        case .div, .mod: return .alu(op, UInt32(1 + random.below(20)))
        default: return .alu(op, xValue(&random))
        }
    }

    /// Values for X and A: small offsets, header lengths, and values whose sum
    /// with a large k wraps around 2^32 into the frame.
    static func xValue(_ random: inout Random) -> UInt32 {
        switch random.below(6) {
        case 0: UInt32(random.below(64))
        case 1: random.pick([14, 20, 34, 0x7fff, 0x8000, 0x10000])
        case 2: random.pick([0x8000_0000, 0xffff_ffff, 0xd16b_1bfe, 0x0010_0000, 0x2000_0000])
        case 3: UInt32(truncatingIfNeeded: random.next())
        default: UInt32(random.below(0x9000))
        }
    }

    /// `k` of an indirect load, over the ranges the translation treats differently.
    static func offset(_ random: inout Random) -> UInt32 {
        switch random.below(8) {
        case 0, 1: UInt32(random.below(64))
        case 2: UInt32(0x7ff0 + random.below(0x20))
        case 3: random.pick([0x2e94_e402, 0x2000_0000, 0x1fff_ffff, 0x4000_0000, 0x7fff_ffff])
        case 4: random.pick([0xfff0_002e, 0xffe0_0000, 0xfff0_0000, 0xffef_ffff]) &+ UInt32(random.below(40))
        case 5: 0 &- UInt32(1 + random.below(64))  // X + k wraps back to a small offset
        case 6: 0 &- UInt32(0x8000 + random.below(64))
        default: UInt32(truncatingIfNeeded: random.next())
        }
    }
}
