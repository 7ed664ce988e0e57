import ArgumentParser
import SluiceBytecode
import SluiceCompiler
import SluiceEBPF
import SluiceKernel
import SluiceVerifier

/// `(--program FILE | -f FILE | EXPRESSION...)`: the filter an xdp
/// subcommand turns into an XDP program.
struct XDPFilterArguments: ParsableArguments {
    @Option(name: .customLong("program"), help: "A classic BPF program file (any format `sluice verify` reads) instead of an expression.")
    var programFile: String?

    @Option(name: .customShort("f"),
            help: "A file holding the pcap-filter expression (# starts a comment); for rule lists too long for a command line.")
    var filterFile: String?

    @Argument(help: "The pcap-filter expression (arguments are joined by spaces, as tcpdump does).")
    var expression: [String] = []

    @Flag(name: .customLong("via-cbpf"),
          help: "Translate the expression's compiled classic BPF (CBPFTranslator) instead of generating XDP code from its IR.")
    var viaClassic = false

    @Option(name: .customLong("verifier-log"),
            help: "If the kernel verifier rejects the program, write its whole log to this file (the report shows a summary).")
    var verifierLogPath: String?

    @Option(name: .customLong("debug-corrupt-load"), help: .hidden)
    var corruptLoad: Int?

    func validate() throws {
        let given = [programFile != nil, filterFile != nil, !expression.isEmpty].filter { $0 }.count
        if given != 1 {
            throw ValidationError(given == 0 ? "give a filter expression, -f FILE or --program FILE"
                                             : "give only one of --program FILE, -f FILE or an expression")
        }
        if programFile != nil && viaClassic {
            throw ValidationError("--via-cbpf applies to an expression; a --program file is always translated")
        }
    }

    /// What the filter is called in messages.
    var displayName: String { programFile ?? filterFile ?? expression.joined(separator: " ") }

    /// The filter as an XDP program returning `result`'s values, with a
    /// source note per slot.
    ///
    /// An expression is compiled (`FilterCompiler.compile`); when the direct
    /// generator handles every primitive (and `--via-cbpf` is not given), the
    /// program comes from its IR (`XDPCodeGenerator`), else its verified cBPF is translated
    /// (`CBPFTranslator`) and each slot is traced back through the classic
    /// instruction to the expression. A program file is decoded, verified
    /// and translated, each slot noted with its classic instruction.
    func program(result: XDPResultMode) throws(CLIFailure) -> XDPFilterProgram {
        var made = try generated(result: result)
        if let corruptLoad { try made.corruptLoad(corruptLoad) }
        return made
    }

    private func generated(result: XDPResultMode) throws(CLIFailure) -> XDPFilterProgram {
        switch try FilterInput.source(program: programFile, filterFile: filterFile, expression: expression) {
        case .expression(let text): try generated(fromExpression: text, result: result)
        case .program(let path): try generated(fromProgramFile: path, result: result)
        }
    }

    private func generated(fromExpression text: String, result: XDPResultMode) throws(CLIFailure) -> XDPFilterProgram {
        // The direct generator works from the IR, so a rule list past
        // cBPF's 4,096 instructions still becomes XDP code; cBPF is
        // compiled only for the translation path.
        let filter: Filter
        do {
            filter = try FilterParser.parse(text)
        } catch {
            throw .rejected(error.description)
        }
        var directFailure: XDPCodeGenerationError?
        if !viaClassic {
            do {
                let direct = try XDPCodeGenerator.generateAnnotated(filter, result: result)
                return XDPFilterProgram(program: direct.program, annotations: direct.annotations(in: text), path: direct.path)
            } catch {
                directFailure = error
            }
        }
        let compiled: CompiledFilter
        do {
            compiled = try FilterCompiler.compile(text)
        } catch {
            // Neither path: say why the direct one failed too.
            guard let directFailure else { throw .rejected(error.description) }
            throw .rejected("cannot generate XDP code: \(directFailure)\n"
                            + "and the classic BPF path, which would be translated instead, fails too: \(error.description)")
        }
        do {
            let translated = try CBPFTranslator.translateWithSources(compiled.program, result: result)
            let reason = viaClassic ? "--via-cbpf" : "the direct generator cannot express it"
            return XDPFilterProgram(program: translated.program, annotations: translated.annotations(for: compiled),
                                    path: .translated(reason: reason))
        } catch {
            throw .rejected("\(displayName): cannot run in XDP: \(error)")
        }
    }

    private func generated(fromProgramFile programFile: String, result: XDPResultMode) throws(CLIFailure) -> XDPFilterProgram {
        let verified: VerifiedProgram
        do {
            verified = try Verifier.verify(try ProgramInput.load(programFile, format: nil))
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw .rejected("\(InputFile.displayName(programFile)): \(error)")
        }
        do {
            let translated = try CBPFTranslator.translateWithSources(verified, result: result)
            return XDPFilterProgram(program: translated.program, annotations: translated.annotations(for: verified.program),
                                    path: .translated(reason: "a classic BPF program file"))
        } catch {
            throw .rejected("\(displayName): cannot run in XDP: \(error)")
        }
    }

    /// A kernel error as a CLI failure; for a verifier rejection, the whole
    /// log goes to `--verifier-log FILE` and the message says where it is.
    func failure(_ error: KernelError) -> CLIFailure {
        guard let log = error.verifierLog else { return XDPFailure.from(error) }
        var message = error.description
        if let verifierLogPath {
            do {
                try InputFile.write(Array(log.text.utf8), to: verifierLogPath)
                message += "\nthe whole verifier log is in \(verifierLogPath)"
            } catch {
                message += "\ncould not save the verifier log: \(error)"
            }
        } else {
            message += "\n(--verifier-log FILE saves the whole log)"
        }
        return .rejected(message)
    }
}
