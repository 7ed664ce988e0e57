import ArgumentParser

/// The `sluice` command: compile, verify and run packet filters.
///
/// Each subcommand lives in its own file under `Commands/`; keep the list
/// below one entry per line so that several people can add to it.
public struct SluiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Compile, verify and run packet filters: classic BPF, eBPF and XDP.",
        discussion: "Exit status: 0 success, 1 a program or filter was rejected, 2 bad usage or unreadable input.",
        subcommands: [
            Verify.self,
            Run.self,
            Disasm.self,
            Synth.self,
            Compile.self,
            XDP.self,
            Check.self,
        ])

    public init() {}
}
