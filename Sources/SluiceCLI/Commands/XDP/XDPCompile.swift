import ArgumentParser
import SluiceEBPF
import SluiceKernel

/// `sluice xdp compile -o FILE.o EXPRESSION...`: an ELF object that
/// `ip link set dev X xdp obj FILE.o sec xdp`, `bpftool prog load` and
/// `xdp-loader load` accept; it passes matches and drops the rest.
struct XDPCompile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Write the filter as an XDP ELF object (section xdp) for ip, bpftool and xdp-loader.")

    @Option(name: .shortAndLong, help: "The object file to write.")
    var output: String

    @Option(name: .customLong("on-match"), help: "What to do with a matching frame: pass or drop (the rest gets the other).")
    var onMatch: XDPMatchAction = .pass

    @Flag(help: "Load the program into the kernel verifier first (needs CAP_BPF); a rejection is reported and no file is written.")
    var check = false

    @OptionGroup var filter: XDPFilterArguments

    func run() throws {
        let program = try filter.program(result: onMatch.resultMode)
        if check {
            do {
                _ = try BPFProgram.load(program.program, type: .xdp, name: "sluice_check", annotations: program.annotations)
            } catch {
                throw filter.failure(error)
            }
        }
        try InputFile.write(ELFWriter.object(for: program.program), to: output)
    }
}

/// `--on-match pass|drop`.
enum XDPMatchAction: String, ExpressibleByArgument, CaseIterable {
    case pass, drop

    /// The XDP action for a match.
    var action: XDPAction { self == .pass ? .pass : .drop }

    /// Match → this action, miss → the other.
    var resultMode: XDPResultMode {
        .verdict(onMatch: action, onMiss: self == .pass ? .drop : .pass)
    }
}
