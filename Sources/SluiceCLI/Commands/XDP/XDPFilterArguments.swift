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
    /// An expression is compiled (`FilterCompiler.compile`) and generated
    /// from its IR (`XDPCodeGenerator`, which translates the verified cBPF
    /// for primitives it does not generate directly); a program file is
    /// decoded, verified and translated (`CBPFTranslator`).
    func program(result: XDPResultMode) throws(CLIFailure) -> EBPFProgram {
        guard let programFile else {
            let compiled: CompiledFilter
            do {
                compiled = try FilterCompiler.compile(expression.joined(separator: " "))
            } catch {
                throw .rejected(error.description)
            }
            do {
                return try XDPCodeGenerator.generate(compiled.ir, result: result, fallback: compiled.program)
            } catch {
                throw .rejected("\(displayName): cannot run in XDP: \(error)")
            }
        }
        let verified: VerifiedProgram
        do {
            verified = try Verifier.verify(try ProgramInput.load(programFile, format: nil))
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw .rejected("\(InputFile.displayName(programFile)): \(error)")
        }
        do {
            return try CBPFTranslator.translate(verified, result: result)
        } catch {
            throw .rejected("\(displayName): cannot run in XDP: \(error)")
        }
    }
}
