import ArgumentParser
import SluiceBytecode
import SluiceCompiler
import SluiceEBPF
import SluiceVerifier

/// `(--program FILE | EXPRESSION...)`: the filter an xdp subcommand turns
/// into an XDP program.
struct XDPFilterArguments: ParsableArguments {
    @Option(name: .customLong("program"), help: "A classic BPF program file (any format `sluice verify` reads) instead of an expression.")
    var programFile: String?

    @Argument(help: "The pcap-filter expression (arguments are joined by spaces, as tcpdump does).")
    var expression: [String] = []

    func validate() throws {
        if programFile != nil && !expression.isEmpty {
            throw ValidationError("give either --program FILE or an expression, not both")
        }
        if programFile == nil && expression.isEmpty {
            throw ValidationError("give a filter expression or --program FILE")
        }
    }

    /// What the filter is called in messages.
    var displayName: String { programFile ?? expression.joined(separator: " ") }

    /// The filter as an XDP program returning `result`'s values.
    ///
    /// An expression is compiled (`FilterCompiler.compile`) and its verified
    /// cBPF translated (`CBPFTranslator`); a program file is decoded and verified first.
    func program(result: XDPResultMode) throws(CLIFailure) -> EBPFProgram {
        let verified: VerifiedProgram
        if let programFile {
            let program = try ProgramInput.load(programFile, format: nil)
            do {
                verified = try Verifier.verify(program)
            } catch {
                throw .rejected("\(InputFile.displayName(programFile)): \(error)")
            }
        } else {
            do {
                verified = try FilterCompiler.compile(expression.joined(separator: " ")).program
            } catch {
                throw .rejected(error.description)
            }
        }
        do {
            return try CBPFTranslator.translate(verified, result: result)
        } catch {
            throw .rejected("\(displayName): cannot run in XDP: \(error)")
        }
    }
}
