import CBPF
import Glibc

/// The thin layer over libbpf: one Swift function per C call, each wrapped
/// once, returning a typed `KernelError` instead of a negative errno.
///
/// Like libbpf's own `bpf.h`/`netlink.c`/`ringbuf.c` split, the calls live in
/// one file per C area (`LibBPF+Syscalls`, `LibBPF+Netlink`, `LibBPF+Links`,
/// `LibBPF+RingBuffer`, `LibBPF+Objects`). Only this layer fills C opts
/// structs (including `sz`); nothing above it sees them.
enum LibBPF {
    /// Turns libbpf's "negative errno on failure" convention into a throw.
    @discardableResult
    static func check(_ result: Int32, _ call: String, _ message: @autoclosure () -> String = "") throws(KernelError) -> Int32 {
        guard result < 0 else { return result }
        throw KernelError(call: call, errno: -result, message: message())
    }

    /// A zero-filled opts struct with `sz` set, as `LIBBPF_OPTS` would make it
    /// (the macro does not import into Swift). `T()` zero-fills C structs.
    static func opts<T>(_ make: () -> T, size: WritableKeyPath<T, Int>) -> T {
        var value = make()
        value[keyPath: size] = MemoryLayout<T>.stride
        return value
    }
}
