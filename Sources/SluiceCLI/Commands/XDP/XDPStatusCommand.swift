import ArgumentParser
import SluiceKernel

/// `sluice xdp status`: what XDP program runs where, in which mode, with
/// which link, and its counters (like `xdp-loader status`).
struct XDPStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the XDP programs attached to interfaces, their mode, link and counters.")

    @Option(name: .customLong("dev"), help: "Only this interface (shown even with nothing attached).")
    var device: String?

    @Option(help: "Look inside this network namespace.")
    var netns: String?

    func run() throws {
        let device = device
        let statuses = try inNetworkNamespace(netns) { () throws -> [XDPStatus] in
            if let device { return [try XDPStatus.query(interface: NetworkInterface(name: device))] }
            return try XDPStatus.queryAll().filter { !$0.programs.isEmpty }
        }
        if statuses.isEmpty { print("no XDP programs attached") }
        for status in statuses { print(Self.lines(for: status).joined(separator: "\n")) }
    }

    /// `IFACE (index N): none`, or one line per attached program.
    static func lines(for status: XDPStatus) -> [String] {
        let name = "\(status.interface.name) (index \(status.interface.index))"
        guard !status.programs.isEmpty else { return ["\(name): none"] }
        return status.programs.map { attached in
            var fields = ["\(name): \(attached.mode)", "prog id \(attached.programID)"]
            if !attached.programName.isEmpty { fields.append("name \(attached.programName)") }
            fields.append(attached.linkID.map { "link id \($0)" } ?? "netlink")
            if let info = attached.info { fields.append("verified_insns \(info.verifiedInstructions)") }
            if let counters = attached.counters { fields.append(counters.description) }
            return fields.joined(separator: ", ")
        }
    }
}
