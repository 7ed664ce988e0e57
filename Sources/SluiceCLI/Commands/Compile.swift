import ArgumentParser
import Foundation
import SluiceBytecode
import SluiceCompiler

/// `sluice compile`: pcap-filter text to verified classic BPF, printed as
/// assembly (annotated with the expression each instruction tests),
/// tcpdump's `-d`/`-dd`/`-ddd`, or binary `struct sock_filter` records.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a pcap-filter expression to verified classic BPF.",
        discussion: """
            The arguments are joined with spaces, as tcpdump does. -f FILE reads the \
            expression from a file (lines starting with # are comments). Formats: asm \
            (default), d, dd, ddd (exactly as tcpdump -d/-dd/-ddd), bin (little-endian \
            struct sock_filter). Exit status 1 when the expression is rejected.
            """)

    @Option(name: .customShort("O", allowingJoined: true), help: "Optimization level: -O0 turns the optimizer off.")
    var optimizationLevel: Int = 1

    @Option(name: .long, help: "Output format: asm, d, dd, ddd or bin.")
    var format: String = "asm"

    @Option(name: .shortAndLong, help: "Write the program to FILE instead of standard output.")
    var output: String?

    @Option(name: .customShort("f"), help: "Read the expression from FILE.")
    var file: String?

    @Option(name: .long, help: "Return value on a match (snap length).")
    var snapLength: UInt32 = 262_144

    @Option(name: .long, help: "Netmask for 'ip broadcast', e.g. 255.255.255.0.")
    var netmask: String?

    @Argument(help: "The filter expression.")
    var expression: [String] = []

    private var optimize: Bool { optimizationLevel > 0 }

    private var expressionWords: [String] { expression }

    func validate() throws {
        guard ProgramFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of asm, d, dd, ddd, bin (not '\(format)')")
        }
        if file != nil && !expressionWords.isEmpty {
            throw ValidationError("give the expression either with -f FILE or as arguments, not both")
        }
    }

    func run() throws {
        let text = try expressionText()
        let mask = try netmask.map(Compile.parseNetmask)
        let options = CompileOptions(optimize: optimize, snapLength: snapLength, netmask: mask)
        let compiled: CompiledFilter
        do {
            compiled = try FilterCompiler.compile(text, options: options)
        } catch {
            throw CLIFailure.rejected(error.description)
        }
        guard let programFormat = ProgramFormat(rawValue: format) else { return }
        let bytes: [UInt8]
        if programFormat == .assembly {
            bytes = Array(Compile.annotatedAssembly(compiled).utf8)
        } else {
            bytes = ProgramCodec.encode(compiled.program.program, format: programFormat)
        }
        try InputFile.write(bytes, to: output)
    }

    /// The expression from -f FILE (without `#` comment lines) or the arguments.
    private func expressionText() throws(CLIFailure) -> String {
        guard let file else { return expressionWords.joined(separator: " ") }
        let text = String(decoding: try InputFile.read(file), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .joined(separator: " ")
    }

    static func parseNetmask(_ text: String) throws -> UInt32 {
        let parts = text.split(separator: ".")
        let octets = parts.compactMap { UInt32($0) }.filter { $0 <= 255 }
        guard parts.count == 4, octets.count == 4 else { throw ValidationError("--netmask must be dotted quad, not '\(text)'") }
        return octets.reduce(0) { $0 << 8 | $1 }
    }

    /// Assembly with, after each instruction, the expression text it tests as a comment.
    static func annotatedAssembly(_ compiled: CompiledFilter) -> String {
        let program = compiled.program.program
        let lines = ProgramCodec.text(program, format: .assembly).split(separator: "\n", omittingEmptySubsequences: false)
        let source = Array(compiled.expression.replacingOccurrences(of: "\n", with: " ").utf8)
        var result = ""
        var instruction = 0
        for line in lines where !line.isEmpty {
            var text = String(line)
            let isInstruction = !line.hasSuffix(":") && !line.trimmingCharacters(in: .whitespaces).hasPrefix(";")
            if isInstruction, instruction < compiled.sources.count, let span = compiled.sources[instruction],
               span.start < source.count {
                let slice = String(decoding: source[span.start..<min(span.end, source.count)], as: UTF8.self)
                text = text.padding(toLength: max(text.count, 28), withPad: " ", startingAt: 0) + "; " + slice
            }
            if isInstruction { instruction += 1 }
            result += text + "\n"
        }
        return result
    }
}
