import ArgumentParser
import SluiceEBPF
import SluiceKernel

/// `sluice xdp attach --dev IFACE [--mode native|generic] [--on-match pass|drop]
/// [--pin PATH] [--netlink] EXPRESSION...`: installs the filter as XDP with
/// passed/dropped counters (`sluice xdp status` shows them).
struct XDPAttach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach the filter to an interface as XDP, counting passed and dropped frames.",
        discussion: """
            By default the program is attached through a bpf_link pinned in bpffs (at --pin PATH, or \
            /sys/fs/bpf/sluice/xdp/IFACE/link) so it outlives this command; `sluice xdp detach` removes it. \
            --netlink attaches through rtnetlink instead (as `ip link set xdp`). --mode native on a driver \
            without XDP support is an error, never a fallback to generic.
            """)

    @OptionGroup var interface: XDPInterfaceOptions

    @Option(help: "native (in the driver) or generic (after the skb is built); default: native if the driver can, as the kernel decides.")
    var mode: XDPModeOption?

    @Option(name: .customLong("on-match"), help: "What to do with a matching frame: pass or drop (the rest gets the other).")
    var onMatch: XDPMatchAction = .pass

    @Option(help: "Where to pin the link (or, with --netlink, the program) in bpffs.")
    var pin: String?

    @Flag(help: "Attach through rtnetlink (stays until detached) instead of a pinned bpf_link.")
    var netlink = false

    @OptionGroup var filter: XDPFilterArguments

    func run() throws {
        let filterMode = XDPResultMode.report
        let program = try filter.program(result: filterMode)
        let method: XDPAttachMethod = netlink ? .netlink : .link
        let pin = pin ?? (netlink ? nil : XDPFailure.defaultPin(interface: interface.device, netns: interface.netns))
        let device = interface.device, mode = mode?.mode ?? .automatic, onMatch = onMatch.action
        let loaded: CountingXDPProgram
        do {
            loaded = try CountingXDPProgram.load(filter: program.program.instructions, annotations: program.annotations,
                                                 verdict: filterMode, onMatch: onMatch)
        } catch {
            throw filter.failure(error)
        }
        let summary = try inNetworkNamespace(interface.netns) { () throws -> String in
            let counting = loaded
            let attachment = try XDPAttachment.attach(counting.program, to: NetworkInterface(name: device),
                                                      mode: mode, method: method)
            do {
                if let pin { try attachment.pin(at: pin) }
            } catch {
                try? attachment.detach()  // Nothing half-installed.
                throw error
            }
            let status = try XDPStatus.query(interface: attachment.interface)
            return status.programs.map { attached in
                "attached to \(device) in \(attached.mode) mode: prog id \(attached.programID)"
                    + (attached.linkID.map { ", link id \($0)" } ?? ", netlink")
                    + (pin.map { ", pinned at \($0)" } ?? "")
            }.joined(separator: "\n")
        }
        print(summary)
    }
}

/// `--mode native|generic`.
enum XDPModeOption: String, ExpressibleByArgument, CaseIterable {
    case native, generic

    var mode: XDPMode { self == .native ? .native : .generic }
}
