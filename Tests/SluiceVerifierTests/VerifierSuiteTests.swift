import SluiceBytecode
import SluiceTestSupport
import SluiceVerifier
import Testing

/// The verifier suite as data (`Tests/VerifierSuite`, `docs/verifier-suite.md`):
/// every case gets its verdict and rule, from Sluice and from the kernel.
@Suite struct VerifierSuiteTests {
    @Test func theSuiteIsLargeAndCoversEveryRule() throws {
        let cases = try VerifierSuite.load()
        #expect(cases.count >= 300)
        #expect(Set(cases.map(\.name)).count == cases.count, "case names must be unique")
        var rejections: [VerifierRule: Int] = [:]
        for suiteCase in cases {
            if case .reject(let rule, _) = suiteCase.expectation { rejections[rule, default: 0] += 1 }
        }
        for rule in VerifierRule.allCases {
            #expect(rejections[rule, default: 0] >= 3, "\(rule.rawValue) has \(rejections[rule, default: 0]) cases")
        }
        #expect(cases.filter { $0.expectation == .accept }.count >= 100)
    }

    @Test func everyCaseGetsItsVerdict() throws {
        for suiteCase in try VerifierSuite.load() {
            let program = try suiteCase.program()
            let result = Result { () throws(VerificationFailure) in try Verifier.verify(program, options: suiteCase.options) }
            switch (suiteCase.expectation, result) {
            case (.accept, .success):
                break
            case (.reject(let rule, let index), .failure(let failure)):
                let first = failure.diagnostics.first
                #expect(first?.rule == rule && first?.instructionIndex == index,
                        "\(suiteCase.place): expected \(rule.rawValue) at \(index.map(String.init) ?? "-"), got\n\(failure)")
            case (.accept, .failure(let failure)):
                Issue.record("\(suiteCase.place): expected accept, got\n\(failure)")
            case (.reject(let rule, _), .success):
                Issue.record("\(suiteCase.place): expected \(rule.rawValue), got accept")
            }
        }
    }

    /// The kernel's verdict (`SO_ATTACH_FILTER`) on every case that does not
    /// restrict the engine's ancillary loads. A valid program too large for
    /// the socket's option memory (`ENOMEM`) counts as accepted.
    @Test func theKernelAgreesWithEveryCase() throws {
        guard try KernelAccess.check("comparing the verifier suite with SO_ATTACH_FILTER") else { return }
        var compared = 0
        for suiteCase in try VerifierSuite.load() where suiteCase.engineAncillary == nil {
            let verdict = try KernelClassicChecker.verdict(for: try suiteCase.program())
            switch (suiteCase.expectation, verdict) {
            case (.accept, .accepted), (.accept, .acceptedButTooLarge), (.reject, .rejected): compared += 1
            default: Issue.record("\(suiteCase.place): expected \(suiteCase.expectation), kernel \(verdict)")
            }
        }
        print("verifier suite: \(compared) cases agree with the kernel")
    }
}
