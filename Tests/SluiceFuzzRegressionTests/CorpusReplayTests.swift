import Foundation
import FuzzSupport
import SluiceTestSupport
import Testing

/// Replays every committed fuzz input (the seed corpora under Fuzz/corpus
/// and the inputs that once broke an invariant, under Inputs/) through the
/// same checks the fuzz targets run: what was fixed stays fixed.
@Suite struct CorpusReplayTests {
    static let checks: [(target: String, check: FuzzDriver.Check)] = [
        ("FuzzCodec", CodecRoundTrip.check),
        ("FuzzInterpreter", InterpreterAgreement.check),
        ("FuzzCompiler", CompilerAgreement.check),
        ("FuzzXDP", KernelAgreement.check),
    ]

    static func inputs(of target: String) -> [String] {
        let root = SharedData.packageRoot.path
        let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs/\(target)").path
        return (FuzzCorpus.files(at: "\(root)/Fuzz/corpus/\(target)") + FuzzCorpus.files(at: regressions))
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(arguments: ["FuzzCodec", "FuzzInterpreter", "FuzzCompiler", "FuzzXDP"])
    func everyCommittedInputKeepsItsInvariant(target: String) throws {
        guard let check = Self.checks.first(where: { $0.target == target })?.check else { return }
        let files = Self.inputs(of: target)
        #expect(files.count >= 20, "the seed corpus of \(target) is missing: run FuzzCorpusGenerator")
        for file in files {
            let data = try #require(FileManager.default.contents(atPath: file))
            let failure = check(Array(data))
            #expect(failure == nil, "\(file): \(failure.map(\.description) ?? "")")
        }
    }
}
