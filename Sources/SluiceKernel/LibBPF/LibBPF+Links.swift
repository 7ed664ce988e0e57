import CBPF
import Glibc

/// `bpf_link` calls: an attachment owned by a file descriptor (it goes away
/// when the last fd or pin goes away).
extension LibBPF {
    /// `bpf_link_create(prog_fd, ifindex, BPF_XDP, opts)` with XDP mode flags.
    static func linkCreateXDP(programFD: Int32, ifindex: Int32, flags: UInt32) throws(KernelError) -> Int32 {
        try withOpts(bpf_link_create_opts.self) { options throws(KernelError) in
            options.pointee.flags = flags
            return try check(bpf_link_create(programFD, ifindex, BPF_XDP, options), "bpf_link_create",
                             "XDP link for program fd \(programFD) on interface index \(ifindex)")
        }
    }

    /// `bpf_link_detach(link_fd)`: ends the attachment while fds and pins stay valid.
    static func linkDetach(fd: Int32) throws(KernelError) {
        try check(bpf_link_detach(fd), "bpf_link_detach", "link fd \(fd)")
    }

    /// `bpf_obj_get_info_by_fd(fd, info, len)` for a link.
    static func linkInfo(fd: Int32) throws(KernelError) -> bpf_link_info {
        var info = bpf_link_info()
        var length = UInt32(MemoryLayout<bpf_link_info>.stride)
        try check(bpf_obj_get_info_by_fd(fd, &info, &length), "bpf_obj_get_info_by_fd", "link fd \(fd)")
        return info
    }

    /// `bpf_link_get_fd_by_id(id)`.
    static func linkFD(id: UInt32) throws(KernelError) -> Int32 {
        try check(bpf_link_get_fd_by_id(id), "bpf_link_get_fd_by_id", "link id \(id)")
    }

    /// Every link id in the system (`bpf_link_get_next_id` until ENOENT).
    static func linkIDs() throws(KernelError) -> [UInt32] {
        var ids: [UInt32] = []
        var current: UInt32 = 0
        while true {
            var next: UInt32 = 0
            let result = bpf_link_get_next_id(current, &next)
            if result == -ENOENT { return ids }
            try check(result, "bpf_link_get_next_id")
            ids.append(next)
            current = next
        }
    }
}
