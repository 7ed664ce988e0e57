import Glibc

/// A file descriptor for a kernel BPF object (program, map, link), closed
/// exactly once when the last reference goes away.
///
/// The counterpart of libbpf keeping `prog->fd`/`map->fd` inside its objects:
/// the fd never leaks into a value that could be copied and closed twice.
final class KernelHandle: Sendable {
    /// The descriptor; valid for the handle's lifetime.
    let fd: Int32

    /// Adopts `fd`; the handle will close it.
    init(adopting fd: Int32) { self.fd = fd }

    deinit { close(fd) }
}
