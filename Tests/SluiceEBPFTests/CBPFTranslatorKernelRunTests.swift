import SluiceBytecode
import SluiceKernel
import SluiceVerifier
import SluiceTestSupport
import Testing
@testable import SluiceEBPF

/// The cBPF → XDP translation against the kernel's own classic test vectors
/// (lib/test_bpf.c), run by the real kernel under BPF_PROG_TEST_RUN.
@Suite(.serialized) struct CBPFTranslatorKernelRunTests {
    @Test func linuxClassicVectorsGiveTheKernelsResults() throws {
        guard try KernelAccess.check("loading XDP programs"),
              let vectors = try LinuxClassicVectors.load() else { return }
        var checked = 0, mismatches: [String] = []
        for vector in vectors.vectors where vector.expect == "run" {
            // A fragmented skb is given already joined: a flat frame runs it as is.
            let pure = (vector.subtests ?? []).filter { $0.requires.allSatisfy { $0 == "nonlinear_skb(frag)" } }
            if pure.isEmpty { continue }
            // BPF_PROG_TEST_RUN refuses frames under 14 bytes, so every packet
            // also runs behind a 14-byte prefix the program skips (frameOffset).
            let plain: BPFProgram, shifted: BPFProgram
            do {
                let verified = try Verifier.verify(vector.program)
                plain = try loadXDP(try CBPFTranslator.translate(verified, result: .raw))
                shifted = try loadXDP(try CBPFTranslator.translate(verified, result: .raw, frameOffset: 14))
            } catch {
                Issue.record("\(vector.name): \(error)")
                continue
            }
            for subtest in pure {
                let packet = subtest.packet
                var results = [try shifted.retval([UInt8](repeating: 0xee, count: 14) + packet)]
                if packet.count >= 14 { results.append(try plain.retval(packet)) }
                checked += 1
                for got in results where got != subtest.expected {
                    mismatches.append("\(vector.name) [\(subtest.packet_hex)]: got \(got), want \(subtest.expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(checked >= 115, "only \(checked) packet-only sub-tests ran")
        print("linux classic vectors through XDP: \(checked) sub-tests, \(mismatches.count) mismatches")
    }

    @Test func ancillaryLoadsAreRejectedNamingTheInstruction() {
        let program: Program = [.load(.half, absolute: 12), .load(.vlanTag), .returnA]
        #expect {
            try CBPFTranslator.translate(instructions: program, result: .report)
        } throws: { error in
            guard let error = error as? CBPFTranslationError else { return false }
            return error.instructionIndex == 1 && error.reason == .ancillaryLoad(.vlanTag)
                && error.description.hasPrefix("instruction 1 ")
        }
    }

    @Test func headerRelativeLoadsAreRejected() {
        let program: Program = [.load(.byte, absolute: Ancillary.networkBase + 9), .returnA]
        #expect(throws: CBPFTranslationError(instructionIndex: 0, instruction: program[0], reason: .headerRelativeLoad)) {
            try CBPFTranslator.translate(instructions: program, result: .report)
        }
    }

    @Test func verdictModeMapsMatchAndMiss() throws {
        guard try KernelAccess.check("loading XDP programs") else { return }
        // ldh [12]; jeq #0x800, ret 1, ret 0 — "ip".
        let program: Program = [.load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 1), .return(96), .return(0)]
        let ipv4 = [UInt8](repeating: 0, count: 12) + [0x08, 0x00] + [UInt8](repeating: 0, count: 20)
        let arp = [UInt8](repeating: 0, count: 12) + [0x08, 0x06] + [UInt8](repeating: 0, count: 28)
        for (mode, match, miss) in [(XDPResultMode.report, 2, 1), (.verdict(onMatch: .drop, onMiss: .pass), 1, 2),
                                    (.raw, 96, 0)] as [(XDPResultMode, UInt32, UInt32)] {
            let loaded = try loadXDP(try CBPFTranslator.translate(instructions: program, result: mode))
            #expect(try loaded.retval(ipv4) == match)
            #expect(try loaded.retval(arp) == miss)
            let deep = try loadXDP(try CBPFTranslator.translate(
                instructions: [.load(.byte, absolute: 34), .returnA], result: mode))
            #expect(try deep.retval(ipv4) == miss, "ldb [34] past a 34-byte frame")
            #expect(mode.matched(returnValue: try deep.retval(ipv4 + [1])))
            #expect(mode.matched(returnValue: match) && !mode.matched(returnValue: miss))
        }
    }

    /// Classic and eBPF ALU operations share their `BPF_OP` encodings.
    @Test func classicALUOperationsKeepTheirEncoding() {
        for op in ALUOperation.allCases {
            #expect(EBPFALUOperation(op).rawValue == UInt8(op.rawValue), "\(op)")
        }
    }
}
