import Foundation
import SluiceBytecode
import SluiceTestSupport
import SluiceVerifier
import Testing

/// Our verdict against the running kernel's (`SO_ATTACH_FILTER`) on random,
/// almost-valid programs. `SLUICE_DIFF_COUNT` (default 20,000) sets how many,
/// `SLUICE_DIFF_SEED` (default 1) the seed; `scripts/verifier-differential.sh`
/// runs a million.
@Suite struct KernelDifferentialTests {
    @Test func verdictsEqualTheKernelsOnRandomPrograms() throws {
        guard try KernelAccess.check("the verifier's kernel differential (SO_ATTACH_FILTER)") else { return }
        let environment = ProcessInfo.processInfo.environment
        let count = environment["SLUICE_DIFF_COUNT"].flatMap(Int.init) ?? 20_000
        let seed = environment["SLUICE_DIFF_SEED"].flatMap(UInt64.init) ?? 1
        let optionMemory = try socketOptionMemory()
        var generator = AlmostValidProgramGenerator(seed: seed)
        var tally = DifferentialTally()
        for number in 0..<count {
            let program = generator.next()
            let kernel = try KernelClassicChecker.verdict(for: program)
            let ours = Result { () throws(VerificationFailure) in try Verifier.verify(program) }
            tally.record(program: program, number: number, kernel: kernel, ours: ours, optionMemory: optionMemory)
        }
        print(tally.report(count: count, seed: seed))
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.count) verdicts differ from the kernel's; first: \(tally.mismatches.first ?? "")")
        #expect(tally.failures == 0, "the kernel failed \(tally.failures) attaches for reasons other than the program")
        if count >= 1000 {
            #expect(tally.accepted > count / 5 && tally.rejected > count / 5, "the generator should give both verdicts often")
        }
    }

    /// `net.core.optmem_max`: the most option memory a socket may hold.
    func socketOptionMemory() throws -> Int {
        let text = try String(contentsOfFile: "/proc/sys/net/core/optmem_max", encoding: .utf8)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

/// Counts and the first mismatches of a differential run.
struct DifferentialTally {
    var accepted = 0
    var rejected = 0
    var tooLarge = 0
    var failures = 0
    var byRule: [VerifierRule: Int] = [:]
    var mismatches: [String] = []

    /// Bytes Linux charges for a translated program: `struct bpf_prog`'s
    /// header (at most this much) plus 8 bytes per eBPF instruction.
    static let programHeaderBound = 256

    mutating func record(program: Program, number: Int, kernel: KernelClassicChecker.Verdict,
                         ours: Result<VerifiedProgram, VerificationFailure>, optionMemory: Int) {
        let agrees: Bool
        switch (kernel, ours) {
        case (.accepted, .success(let verified)):
            accepted += 1
            // A program the kernel kept fits the socket's budget: checks our size model.
            agrees = verified.linuxTranslatedLength * 8 < optionMemory
        case (.acceptedButTooLarge, .success(let verified)):
            accepted += 1
            tooLarge += 1
            agrees = verified.linuxTranslatedLength * 8 + Self.programHeaderBound >= optionMemory
        case (.rejected, .failure(let failure)):
            rejected += 1
            for rule in failure.rules { byRule[rule, default: 0] += 1 }
            agrees = true
        case (.failed, _):
            failures += 1
            agrees = true
        default:
            agrees = false
        }
        if !agrees && mismatches.count < 10 {
            let verdict: String
            switch ours {
            case .success(let verified): verdict = "accepted (translated length \(verified.linuxTranslatedLength))"
            case .failure(let failure): verdict = "rejected:\n\(failure)"
            }
            let listing = program.count <= 40
                ? program.map { "\($0.code) \($0.jt) \($0.jf) \($0.k)" }.joined(separator: ",")
                : "\(program.count) instructions"
            mismatches.append("program #\(number) [\(listing)]: kernel \(kernel), ours \(verdict)")
        }
    }

    func report(count: Int, seed: UInt64) -> String {
        let rules = byRule.sorted { $0.value > $1.value }.map { "  \($0.key.rawValue): \($0.value)" }
        return """
        verifier differential: \(count) programs, seed \(seed)
          kernel accepted \(accepted) (\(tooLarge) of them valid but over optmem_max), rejected \(rejected), other errors \(failures)
          mismatches: \(mismatches.count)
        rejections by rule (a program may break several):
        \(rules.joined(separator: "\n"))
        """ + (mismatches.isEmpty ? "" : "\n" + mismatches.joined(separator: "\n"))
    }
}
