import CBPF
import Glibc

/// What XDP program runs on an interface, in which mode, through which
/// link, and its counters (what `ip link show`, `bpftool net` and
/// `xdp-loader status` print).
public struct XDPStatus: Sendable, Hashable {
    /// One program attached to the interface.
    public struct Attached: Sendable, Hashable {
        /// The mode it runs in.
        public var mode: XDPMode
        /// The kernel's program id.
        public var programID: UInt32
        /// The program's name.
        public var programName: String
        /// `verified_insns` and friends.
        public var info: BPFProgramInfo?
        /// The link holding it, nil for a netlink attachment.
        public var linkID: UInt32?
        /// The passed/dropped counters of a Sluice filter (nil for other programs).
        public var counters: XDPCounters?
    }

    /// The interface queried.
    public var interface: NetworkInterface
    /// The programs attached (none, or one per mode).
    public var programs: [Attached]

    /// Queries one interface (`bpf_xdp_query`, then the program's info, its
    /// link and its counters map).
    public static func query(interface: NetworkInterface) throws(KernelError) -> XDPStatus {
        let answer = try LibBPF.xdpQuery(ifindex: interface.index)
        let modes: [(XDPMode, UInt32)] = [(.native, answer.nativeProgramID), (.generic, answer.genericProgramID),
                                          (.offload, answer.offloadProgramID)]
        var programs: [Attached] = []
        for (mode, id) in modes where id != 0 {
            programs.append(try attached(id: id, mode: mode, interface: interface))
        }
        return XDPStatus(interface: interface, programs: programs)
    }

    /// Queries every interface of the namespace; those with nothing attached included.
    public static func queryAll() throws(KernelError) -> [XDPStatus] {
        var all: [XDPStatus] = []
        for interface in NetworkInterface.all() { all.append(try query(interface: interface)) }
        return all
    }

    static func attached(id: UInt32, mode: XDPMode, interface: NetworkInterface) throws(KernelError) -> Attached {
        // The program may be unloaded between the query and here; report what we saw.
        guard let program = try? BPFProgram.withID(id) else {
            return Attached(mode: mode, programID: id, programName: "", info: nil, linkID: nil, counters: nil)
        }
        let info = try program.info()
        return Attached(mode: mode, programID: id, programName: info.name, info: info,
                        linkID: try linkID(programID: id, ifindex: interface.index),
                        counters: try XDPCounters.read(from: info))
    }

    /// The XDP link on `ifindex` that holds `programID`, if it is held by a link.
    static func linkID(programID: UInt32, ifindex: Int32) throws(KernelError) -> UInt32? {
        for id in try LibBPF.linkIDs() {
            guard let fd = try? LibBPF.linkFD(id: id) else { continue }  // Gone meanwhile.
            let link = KernelHandle(adopting: fd)
            let info = try LibBPF.linkInfo(fd: link.fd)
            if info.type == BPF_LINK_TYPE_XDP.rawValue, info.prog_id == programID,
               Int32(bitPattern: info.xdp.ifindex) == ifindex {
                return id
            }
        }
        return nil
    }
}
