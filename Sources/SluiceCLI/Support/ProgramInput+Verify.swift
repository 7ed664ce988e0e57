import SluiceBytecode
import SluiceVerifier

extension ProgramInput {
    /// Runs the verifier on `program` (read from `name`).
    ///
    /// - Throws: `.rejected` with every diagnostic, one per paragraph.
    public static func verify(_ program: Program, name: String) throws(CLIFailure) -> VerifiedProgram {
        do {
            return try Verifier.verify(program)
        } catch {
            let count = error.diagnostics.count
            throw .rejected("\(name): rejected by the verifier (\(count) problem\(count == 1 ? "" : "s")):\n\(error.description)")
        }
    }

    /// Reads, decodes and verifies a program file.
    public static func loadVerified(_ path: String, format: ProgramFormat?) throws(CLIFailure) -> VerifiedProgram {
        try verify(try load(path, format: format), name: InputFile.displayName(path))
    }
}
