import ArgumentParser

/// `sluice xdp`: filters as XDP programs in the kernel (test runs, attach,
/// detach, status, ELF objects), the way `xdp-loader` and `ip link set xdp` work.
struct XDP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xdp",
        abstract: "Run, attach and inspect filters as XDP programs (needs CAP_BPF and CAP_NET_ADMIN).",
        subcommands: [
            XDPRun.self,
            XDPAttach.self,
            XDPDetach.self,
            XDPStatusCommand.self,
            XDPCompile.self,
        ])
}
