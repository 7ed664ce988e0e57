import Foundation
import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluiceKernel
import SluicePcap
import SluiceTestSupport
import SluiceVerifier
import Testing
@testable import SluiceEBPF

/// Both XDP paths against the interpreter running the cBPF program for the
/// same expression, on every Ethernet frame of the shared captures, in the
/// kernel (BPF_PROG_TEST_RUN): the XDP verdict must equal whether the
/// interpreter returns nonzero. `len` is the frame's length, as XDP sees it.
@Suite(.serialized) struct XDPDifferentialTests {
    struct Outcome {
        var expressions = 0, frames = 0, mismatches: [String] = []
        mutating func compare(_ expression: String, _ program: BPFProgram, _ oracle: Interpreter,
                              _ frames: [[UInt8]]) throws {
            expressions += 1
            for frame in frames {
                let want = oracle.run(packet: frame, wireLength: frame.count) != 0
                let got = XDPResultMode.report.matched(returnValue: try program.retval(frame))
                self.frames += 1
                if got != want, mismatches.count < 20 {
                    mismatches.append("\(expression): frame \(frame.prefix(64).map { hex($0, width: 2) }.joined()) xdp \(got) interpreter \(want)")
                }
            }
        }
    }

    /// The EN10MB accept expressions of libpcap's vectors (decoding only the
    /// fields needed: the shared `LibpcapFilterVectors` decoder trips on
    /// reject entries without `DLT`).
    static func expressions() throws -> [String]? {
        struct Accept: Decodable { var dlt_value: Int; var aliases: [String]; var skip_reason_in_TESTrun: String? }
        struct File: Decodable { var accept: [Accept] }
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return nil }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return file.accept.filter { $0.dlt_value == 1 && $0.skip_reason_in_TESTrun == nil }.flatMap(\.aliases)
    }

    @Test func generatedFromIRAgreesWithTheInterpreterOnEveryEthernetFrame() throws {
        guard try KernelAccess.check("XDP test runs"), let expressions = try Self.expressions(),
              let (frames, skipped) = try EthernetCorpus.frames(stride: EthernetCorpus.stride) else { return }
        var outcome = Outcome(), direct = 0, notCompiled = 0, fallbacks: [String] = []
        for expression in expressions {
            guard let compiled = try? FilterCompiler.compile(expression) else { notCompiled += 1; continue }
            let generated = try XDPCodeGenerator.generateAnnotated(compiled, result: .report)
            if generated.path == .direct { direct += 1 } else { fallbacks.append("\(expression): \(generated.path)") }
            #expect(XDPCodeGenerator.supportsDirectly(compiled.ir) == (generated.path == .direct))
            try outcome.compare(expression, try loadXDP(generated.program), Interpreter(compiled.program), frames)
        }
        print("IR → XDP: \(outcome.expressions) expressions (\(direct) generated directly, \(fallbacks.count) through the cBPF fallback; \(notCompiled) not compiled by Sluice) × \(frames.count) frames (\(skipped) too short/long for a test run), \(outcome.frames) runs, \(outcome.mismatches.count) mismatches")
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.joined(separator: "\n"))")
        // Every expression Sluice compiles is generated directly: no cBPF fallback.
        #expect(fallbacks.isEmpty, "\(fallbacks.joined(separator: "\n"))")
        #expect(direct == outcome.expressions && direct >= 350)
    }

    @Test func translatedLibpcapProgramsAgreeWithTheInterpreterOnEveryEthernetFrame() throws {
        guard try KernelAccess.check("XDP test runs"), let expressions = try Self.expressions(),
              let (frames, _) = try EthernetCorpus.frames(stride: EthernetCorpus.stride) else { return }
        var outcome = Outcome(), untranslatable = 0
        for expression in expressions {
            guard let raw = try? LibpcapOracle.compile(expression),
                  let verified = try? Verifier.verify(raw) else { continue }
            let program: EBPFProgram
            do {
                program = try CBPFTranslator.translate(verified, result: .report)
            } catch {
                untranslatable += 1  // ancillary loads
                continue
            }
            try outcome.compare(expression, try loadXDP(program), Interpreter(verified), frames)
        }
        print("cBPF → XDP: \(outcome.expressions) libpcap programs (\(untranslatable) untranslatable) × \(frames.count) frames, \(outcome.frames) runs, \(outcome.mismatches.count) mismatches")
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.joined(separator: "\n"))")
        #expect(outcome.expressions >= 150)
    }
}
