import ArgumentParser
import SluiceBytecode

/// `sluice disasm`: converts a program between any two formats.
struct Disasm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a classic BPF program between formats (bin, d, dd, ddd, asm).",
        discussion: """
            Reads FILE (or stdin for -) and writes it in another format: tcpdump's -d, -dd \
            and -ddd text, little-endian struct sock_filter binary, or Sluice assembly. \
            The program is not verified: use `sluice verify` for that.
            """)

    @Option(help: "The input format (auto detects it).")
    var from: InputFormatOption = .auto

    @Option(help: "The output format.")
    var to: ProgramFormat = .assembly

    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?

    @Argument(help: "The program file, or - for stdin.")
    var file: String

    func run() throws {
        let program = try ProgramInput.load(file, format: from.format)
        try InputFile.write(ProgramCodec.encode(program, format: to), to: output)
    }
}
