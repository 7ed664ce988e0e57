import Foundation
import FuzzSupport
import SluiceTestSupport
import Testing

/// Replays every committed fuzz input (the seed corpora under Fuzz/corpus
/// and the inputs that once broke an invariant, under Inputs/) through the
/// same checks the fuzz targets run: what was fixed stays fixed.
@Suite struct CorpusReplayTests {
    static func check(for target: String) -> FuzzDriver.Check? {
        switch target {
        case "FuzzCodec": CodecRoundTrip.check
        case "FuzzInterpreter": InterpreterAgreement.check
        case "FuzzCompiler": CompilerAgreement.check
        case "FuzzXDP": KernelAgreement.check
        default: nil
        }
    }

    static func inputs(of target: String) -> [String] {
        let root = SharedData.packageRoot.path
        let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs/\(target)").path
        return (FuzzCorpus.files(at: "\(root)/Fuzz/corpus/\(target)") + FuzzCorpus.files(at: regressions))
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(arguments: ["FuzzCodec", "FuzzInterpreter", "FuzzCompiler", "FuzzXDP"])
    func everyCommittedInputKeepsItsInvariant(target: String) throws {
        let check = try #require(Self.check(for: target))
        let files = Self.inputs(of: target)
        #expect(files.count >= 20, "the seed corpus of \(target) is missing: run FuzzCorpusGenerator")
        for file in files {
            let data = try #require(FileManager.default.contents(atPath: file))
            let failure = check(Array(data))
            #expect(failure == nil, "\(file): \(failure.map(\.description) ?? "")")
        }
    }
}
