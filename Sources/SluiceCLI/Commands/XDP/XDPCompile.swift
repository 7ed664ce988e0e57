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

    @Flag(help: "Count passed and dropped frames in a per-CPU array map (sluice_counts) that the loader creates; `sluice xdp status` shows the counts.")
    var counters = false

    @OptionGroup var filter: XDPFilterArguments

    func run() throws {
        let object: [UInt8]
        let path: XDPGenerationPath
        if counters {
            let verdict = XDPResultMode.report
            let program = try filter.program(result: verdict)
            path = program.path
            if check { try load { () throws(KernelError) in
                _ = try CountingXDPProgram.load(filter: program.program.instructions, annotations: program.annotations,
                                                verdict: verdict, onMatch: onMatch.action, name: "sluice_check")
            } }
            do {
                let parts = try CountingXDPProgram.objectParts(filter: program.program.instructions, verdict: verdict,
                                                               onMatch: onMatch.action)
                object = ELFWriter.object(for: parts.program, maps: parts.maps)
            } catch {
                throw XDPFailure.from(error)
            }
        } else {
            let program = try filter.program(result: onMatch.resultMode)
            path = program.path
            if check { try load { () throws(KernelError) in
                _ = try BPFProgram.load(program.program, type: .xdp, name: "sluice_check", annotations: program.annotations)
            } }
            object = ELFWriter.object(for: program.program)
        }
        try InputFile.write(object, to: output)
        StandardError.write("sluice: wrote \(output) (\(path))")
    }

    /// Runs a kernel load for `--check`; a rejection becomes the report.
    private func load(_ body: () throws(KernelError) -> Void) throws(CLIFailure) {
        do {
            try body()
        } catch {
            throw filter.failure(error)
        }
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
