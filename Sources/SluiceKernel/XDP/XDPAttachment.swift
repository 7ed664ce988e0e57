import CBPF
import Glibc

/// An XDP program attached to an interface (libbpf's
/// `bpf_program__attach_xdp` for links, `bpf_xdp_attach` for netlink).
///
/// A link attachment ends when this object (and every pin of the link) is
/// gone; a netlink attachment stays until `detach()`.
public final class XDPAttachment: Sendable {
    /// The program attached.
    public let program: BPFProgram
    /// The interface it is attached to.
    public let interface: NetworkInterface
    /// The mode asked for.
    public let mode: XDPMode
    /// Link or netlink.
    public let method: XDPAttachMethod
    let link: KernelHandle?

    init(program: BPFProgram, interface: NetworkInterface, mode: XDPMode, method: XDPAttachMethod, link: KernelHandle?) {
        self.program = program
        self.interface = interface
        self.mode = mode
        self.method = method
        self.link = link
    }

    /// Attaches `program` to `interface` in `mode`, by `method`.
    ///
    /// Native mode on a driver without XDP support throws (`EOPNOTSUPP`) with
    /// a message that says so; an interface that already has a program
    /// throws rather than replacing it.
    public static func attach(_ program: BPFProgram, to interface: NetworkInterface, mode: XDPMode = .automatic,
                              method: XDPAttachMethod = .link) throws(KernelError) -> XDPAttachment {
        do {
            switch method {
            case .link:
                let fd = try LibBPF.linkCreateXDP(programFD: program.fd, ifindex: interface.index, flags: mode.flags)
                return XDPAttachment(program: program, interface: interface, mode: mode, method: method,
                                     link: KernelHandle(adopting: fd))
            case .netlink:
                try LibBPF.xdpAttach(ifindex: interface.index, programFD: program.fd,
                                     flags: mode.flags | UInt32(XDP_FLAGS_UPDATE_IF_NOEXIST))
                return XDPAttachment(program: program, interface: interface, mode: mode, method: method, link: nil)
            }
        } catch {
            throw explained(error, interface: interface, mode: mode)
        }
    }

    /// The link's kernel id (links only).
    public func linkID() throws(KernelError) -> UInt32? {
        guard let link else { return nil }
        return try LibBPF.linkInfo(fd: link.fd).id
    }

    /// Pins the attachment at `path` in bpffs so it outlives this process:
    /// the link itself, or for netlink the program.
    public func pin(at path: String) throws(KernelError) {
        if let link {
            try BPFFileSystem.prepare(path: path)
            try LibBPF.objPin(fd: link.fd, path: path)
        } else {
            try program.pin(at: path)
        }
    }

    /// Ends the attachment now (`bpf_link_detach`, or `bpf_xdp_detach` in the mode used).
    public func detach() throws(KernelError) {
        if let link {
            try LibBPF.linkDetach(fd: link.fd)
        } else {
            try LibBPF.xdpDetach(ifindex: interface.index, flags: mode.flags)
        }
    }

    /// Detaches whatever XDP program `interface` has, by link or netlink;
    /// returns false when there was none.
    public static func detachAll(from interface: NetworkInterface) throws(KernelError) -> Bool {
        let status = try XDPStatus.query(interface: interface)
        guard !status.programs.isEmpty else { return false }
        for attached in status.programs {
            if let linkID = attached.linkID {
                let link = KernelHandle(adopting: try LibBPF.linkFD(id: linkID))
                try LibBPF.linkDetach(fd: link.fd)
            } else {
                try LibBPF.xdpDetach(ifindex: interface.index, flags: attached.mode.flags)
            }
        }
        return true
    }

    /// Adds what the errno means for XDP to a failed attach.
    static func explained(_ error: KernelError, interface: NetworkInterface, mode: XDPMode) -> KernelError {
        var error = error
        switch error.errno {
        case EOPNOTSUPP where mode == .native:
            error.message = "native XDP (driver mode) is not supported by the driver of \(interface.name); "
                + "nothing was attached (use --mode generic to run it after the skb is built)"
                + (error.message.range(of: "(kernel: ").map { " " + error.message[$0.lowerBound...] } ?? "")
        case EOPNOTSUPP:
            error.message = "XDP in \(mode) mode is not supported on \(interface.name)"
        case EBUSY, EEXIST:
            error.message = "\(interface.name) already has an XDP program attached; detach it first"
        default:
            error.message = "attaching to \(interface.name) in \(mode) mode: " + error.message
        }
        return error
    }
}
