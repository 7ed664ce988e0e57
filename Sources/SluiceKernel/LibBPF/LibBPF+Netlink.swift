import CBPF
import Glibc

/// `netlink.c`: XDP attachment through rtnetlink (`IFLA_XDP`), which stays
/// until it is detached.
extension LibBPF {
    /// `bpf_xdp_attach(ifindex, prog_fd, flags, opts)`.
    static func xdpAttach(ifindex: Int32, programFD: Int32, flags: UInt32) throws(KernelError) {
        var options = opts(bpf_xdp_attach_opts.init, size: \.sz)
        try check(bpf_xdp_attach(ifindex, programFD, flags, &options), "bpf_xdp_attach",
                  "attaching program fd \(programFD) to interface index \(ifindex)")
    }

    /// `bpf_xdp_detach(ifindex, flags, opts)`.
    static func xdpDetach(ifindex: Int32, flags: UInt32) throws(KernelError) {
        var options = opts(bpf_xdp_attach_opts.init, size: \.sz)
        try check(bpf_xdp_detach(ifindex, flags, &options), "bpf_xdp_detach", "interface index \(ifindex)")
    }

    /// `bpf_xdp_query(ifindex, flags, opts)`: the program ids per mode and the attach mode.
    static func xdpQuery(ifindex: Int32) throws(KernelError) -> bpf_xdp_query_opts {
        var options = opts(bpf_xdp_query_opts.init, size: \.sz)
        try check(bpf_xdp_query(ifindex, 0, &options), "bpf_xdp_query", "interface index \(ifindex)")
        return options
    }
}
