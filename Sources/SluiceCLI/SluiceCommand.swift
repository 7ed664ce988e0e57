import ArgumentParser

/// The `sluice` command: compile, verify, run and attach packet filters.
public struct SluiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Compile, verify and run packet filters: classic BPF, eBPF and XDP.",
        subcommands: [])

    public init() {}
}
