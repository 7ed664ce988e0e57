import CBPF
import Glibc

/// `netlink.c`: XDP attachment through rtnetlink (`IFLA_XDP`), which stays
/// until it is detached.
extension LibBPF {
    /// `bpf_xdp_attach(ifindex, prog_fd, flags, opts)`.
    static func xdpAttach(ifindex: Int32, programFD: Int32, flags: UInt32) throws(KernelError) {
        try withOpts(bpf_xdp_attach_opts.self) { options throws(KernelError) in
            try check(bpf_xdp_attach(ifindex, programFD, flags, options), "bpf_xdp_attach",
                      "attaching program fd \(programFD) to interface index \(ifindex)")
        }
    }

    /// `bpf_xdp_detach(ifindex, flags, opts)`.
    static func xdpDetach(ifindex: Int32, flags: UInt32) throws(KernelError) {
        try withOpts(bpf_xdp_attach_opts.self) { options throws(KernelError) in
            try check(bpf_xdp_detach(ifindex, flags, options), "bpf_xdp_detach", "interface index \(ifindex)")
        }
    }

    /// What `bpf_xdp_query` reports: the program id per mode (0 when none).
    struct XDPQueryResult {
        var nativeProgramID: UInt32
        var genericProgramID: UInt32
        var offloadProgramID: UInt32
        var attachMode: UInt8
    }

    /// `bpf_xdp_query(ifindex, flags, opts)`.
    static func xdpQuery(ifindex: Int32) throws(KernelError) -> XDPQueryResult {
        try withOpts(bpf_xdp_query_opts.self) { options throws(KernelError) in
            try check(bpf_xdp_query(ifindex, 0, options), "bpf_xdp_query", "interface index \(ifindex)")
            return XDPQueryResult(nativeProgramID: options.pointee.drv_prog_id, genericProgramID: options.pointee.skb_prog_id,
                                  offloadProgramID: options.pointee.hw_prog_id, attachMode: options.pointee.attach_mode)
        }
    }
}
