import ArgumentParser
import SluiceBytecode
import SluiceVerifier

/// `sluice verify`: runs the verifier on a program file.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a classic BPF program with the verifier (Linux's classic checker rules).",
        discussion: """
            Prints "ok: N instructions" and exits 0 when the program is accepted. Otherwise \
            prints every problem (instruction index, rule, hint) to stderr and exits 1. \
            A file that is not a well-formed program also exits 1, with the line and column \
            or byte offset; a file that cannot be read exits 2.
            """)

    @Option(help: "The program's format (auto detects it).")
    var format: InputFormatOption = .auto

    @Argument(help: "The program file, or - for stdin.")
    var file: String

    func run() throws {
        let program = try ProgramInput.load(file, format: format.format)
        let verified = try ProgramInput.verify(program, name: InputFile.displayName(file))
        print("ok: \(verified.program.count) instructions")
    }
}
