import Glibc

/// `fcntl(fd, F_DUPFD_CLOEXEC, 3)`: a second descriptor for the same kernel
/// object, or a negative errno (the libbpf convention `LibBPF.check` reads).
func dupDescriptor(_ fd: Int32) -> Int32 {
    let copy = fcntl(fd, F_DUPFD_CLOEXEC, 3)
    return copy >= 0 ? copy : -errno
}
