import Foundation
import SluiceBytecode
import SluiceCompiler
import SluiceKernel
import SluicePcap
import SluiceTestSupport
import Testing
@testable import SluiceEBPF

/// Both XDP paths against the cBPF program libpcap compiles for the same
/// expression, on every Ethernet frame of the shared captures, run in the
/// kernel (BPF_PROG_TEST_RUN): the XDP verdict must equal whether the cBPF
/// program returns nonzero. `len` is the frame's length, as XDP sees it.
@Suite(.serialized) struct XDPDifferentialTests {
    struct Outcome {
        var expressions = 0, frames = 0, mismatches: [String] = []
        mutating func compare(_ expression: String, _ program: BPFProgram, _ oracle: Program,
                              _ frames: [[UInt8]], mode: XDPResultMode) throws {
            expressions += 1
            for frame in frames {
                let want = LibpcapOracle.filter(oracle, packet: frame, wireLength: frame.count) != 0
                let got = mode.matched(returnValue: try program.retval(frame))
                self.frames += 1
                if got != want, mismatches.count < 20 {
                    mismatches.append("\(expression): frame \(frame.prefix(64).map { hex($0, width: 2) }.joined()) xdp \(got) cbpf \(want)")
                }
            }
        }
    }

    /// The EN10MB accept expressions (only the fields needed: the shared
    /// `LibpcapFilterVectors` decoder trips on `null` in `verified_by_build`).
    static func expressions() throws -> [String]? {
        struct Accept: Decodable { var dlt_value: Int; var aliases: [String]; var skip_reason_in_TESTrun: String? }
        struct File: Decodable { var accept: [Accept] }
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return nil }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return file.accept.filter { $0.dlt_value == 1 && $0.skip_reason_in_TESTrun == nil }.flatMap(\.aliases)
    }

    @Test func generatedFromIRAgreesWithLibpcapOnEveryEthernetFrame() throws {
        guard try KernelAccess.check("XDP test runs"), let expressions = try Self.expressions(),
              let (frames, skipped) = try EthernetCorpus.frames(stride: EthernetCorpus.stride) else { return }
        var outcome = Outcome(), unsupported = 0
        for expression in expressions {
            guard let filter = try? FilterParser.parse(expression),
                  let oracle = try? LibpcapOracle.compile(expression) else { continue }
            guard XDPCodeGenerator.supportsDirectly(filter) else { unsupported += 1; continue }
            let program = try XDPCodeGenerator.generate(filter, result: .report)
            try outcome.compare(expression, try loadXDP(program), oracle, frames, mode: .report)
        }
        print("IR → XDP: \(outcome.expressions) expressions (\(unsupported) need the cBPF fallback) × \(frames.count) frames (\(skipped) too short/long for a test run), \(outcome.frames) runs, \(outcome.mismatches.count) mismatches")
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.joined(separator: "\n"))")
        #expect(outcome.expressions >= 40)
    }

    @Test func translatedCBPFAgreesWithLibpcapOnEveryEthernetFrame() throws {
        guard try KernelAccess.check("XDP test runs"), let expressions = try Self.expressions(),
              let (frames, _) = try EthernetCorpus.frames(stride: EthernetCorpus.stride) else { return }
        var outcome = Outcome(), untranslatable = 0
        for expression in expressions {
            guard let oracle = try? LibpcapOracle.compile(expression) else { continue }
            let program: EBPFProgram
            do {
                program = try CBPFTranslator.translate(instructions: oracle, result: .report)
            } catch {
                untranslatable += 1  // ancillary loads (vlan with Linux extensions)
                continue
            }
            try outcome.compare(expression, try loadXDP(program), oracle, frames, mode: .report)
        }
        print("cBPF → XDP: \(outcome.expressions) expressions (\(untranslatable) untranslatable) × \(frames.count) frames, \(outcome.frames) runs, \(outcome.mismatches.count) mismatches")
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.joined(separator: "\n"))")
        #expect(outcome.expressions >= 150)
    }
}
