import ArgumentParser
import Glibc
import SluiceKernel

/// `sluice xdp detach --dev IFACE`: removes whatever XDP program the
/// interface has (link or netlink) and the pin `sluice xdp attach` made.
struct XDPDetach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detach",
        abstract: "Detach the XDP program from an interface (link or netlink) and remove Sluice's pin.")

    @OptionGroup var interface: XDPInterfaceOptions

    func run() throws {
        let device = interface.device
        let detached = try inNetworkNamespace(interface.netns) {
            try XDPAttachment.detachAll(from: NetworkInterface(name: device))
        }
        let pin = XDPFailure.defaultPin(interface: device, netns: interface.netns)
        let unpinned = unlink(pin) == 0
        if unpinned { rmdir(BPFFileSystem.parentDirectory(of: pin)) }
        guard detached || unpinned else {
            throw CLIFailure.badInput("no XDP program is attached to \(device)")
        }
        print("detached XDP from \(device)")
    }
}
