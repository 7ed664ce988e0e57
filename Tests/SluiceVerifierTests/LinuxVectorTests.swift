import SluiceBytecode
import SluiceTestSupport
import SluiceVerifier
import Testing

/// The kernel's own classic-BPF tests (`lib/test_bpf.c`): the programs it
/// must refuse are refused, every runnable one is accepted.
@Suite struct LinuxVectorTests {
    @Test func programsTheKernelRejectsAreRejected() throws {
        guard let vectors = try LinuxClassicVectors.load() else { return }
        let rejected = vectors.vectors.filter { $0.expect == "load_rejected" }
        #expect(rejected.count == 12)
        for vector in rejected {
            #expect(throws: VerificationFailure.self, "\(vector.name)") { try Verifier.verify(vector.program) }
        }
    }

    @Test func runnableProgramsAreAccepted() throws {
        guard let vectors = try LinuxClassicVectors.load() else { return }
        let runnable = vectors.vectors.filter { $0.expect == "run" }
        #expect(runnable.count == 122)
        for vector in runnable {
            do {
                _ = try Verifier.verify(vector.program)
            } catch {
                Issue.record("\(vector.name): \(error)")
            }
        }
    }

    /// Each rejected vector fails for the reason the kernel's test names.
    @Test func rejectedVectorsBreakTheExpectedRule() throws {
        guard let vectors = try LinuxClassicVectors.load() else { return }
        let expected: [String: VerifierRule] = [
            "check: missing ret": .missingReturn,
            "check: div_k_0": .divisionByZero,
            "check: unknown insn": .invalidOpcode,
            "check: out of range spill/fill": .scratchIndexOutOfRange,
            "check: RET X": .invalidOpcode,
            "check: LDX + RET X": .invalidOpcode,
            "check: SKF_AD_MAX": .unknownAncillary,
            "BPF_MAXINSNS: Too many instructions": .programTooLong,
            "BPF_MAXINSNS: jump over MSH": .jumpTooFarAfterTranslation,
            "LD_ABS byte negative offset, out of bounds load": .unknownAncillary,
            "LD_ABS halfword negative offset, out of bounds load": .unknownAncillary,
            "LD_ABS word negative offset, out of bounds load": .unknownAncillary,
        ]
        for vector in vectors.vectors where vector.expect == "load_rejected" {
            let rule = expected[vector.name]
            #expect(rule != nil, "unexpected rejected vector \(vector.name)")
            do {
                _ = try Verifier.verify(vector.program)
            } catch {
                #expect(error.rules == [rule].compactMap { $0 }, "\(vector.name): \(error)")
            }
        }
    }
}
