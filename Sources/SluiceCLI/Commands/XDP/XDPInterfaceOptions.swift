import ArgumentParser
import SluiceKernel

/// `--dev IFACE [--netns NAME]`: the interface a subcommand works on.
struct XDPInterfaceOptions: ParsableArguments {
    @Option(name: .customLong("dev"), help: "The network interface.")
    var device: String

    @Option(help: "Work inside this network namespace (as `ip -n NAME`), keeping the caller's bpffs.")
    var netns: String?
}

/// Runs `body` in the namespace `netns` (a thread that entered it with
/// setns), or here when nil; kernel errors become CLI failures.
func inNetworkNamespace<T: Sendable>(_ netns: String?, _ body: @escaping @Sendable () throws -> T) throws(CLIFailure) -> T {
    do {
        guard let netns else { return try body() }
        return try NetworkNamespaceThread.run(inNamespace: netns, body)
    } catch let failure as CLIFailure {
        throw failure
    } catch let error as KernelError {
        throw XDPFailure.from(error)
    } catch {
        throw .badInput("\(error)")
    }
}

/// How kernel errors map to exit statuses.
enum XDPFailure {
    /// A verifier rejection is a rejected program (1); everything else (no
    /// such interface, no privileges, unsupported mode) is bad input (2).
    static func from(_ error: KernelError) -> CLIFailure {
        error.verifierLog != nil ? .rejected(error.description) : .badInput(error.description)
    }

    /// The default pin of an attachment made by `sluice xdp attach`, so the
    /// link outlives the command and `detach` can find it.
    static func defaultPin(interface: String, netns: String?) -> String {
        "\(BPFFileSystem.defaultRoot)/sluice/xdp/\(netns.map { "\($0)-" } ?? "")\(interface)/link"
    }
}
