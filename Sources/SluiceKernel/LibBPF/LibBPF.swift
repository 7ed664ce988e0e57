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
        var text = message()
        if let kernel = LibBPFMessages.kernelMessage() { text += text.isEmpty ? "kernel: \(kernel)" : " (kernel: \(kernel))" }
        throw KernelError(call: call, errno: -result, message: text)
    }

    /// Calls `body` with a zero-filled opts struct whose `sz` is set, as
    /// `LIBBPF_OPTS` would make it (the macro does not import into Swift).
    ///
    /// The struct lives in zeroed memory and fields are written through the
    /// pointer: a Swift copy of a C struct need not keep its padding zero,
    /// and libbpf rejects non-zero bytes past the last field it knows.
    @discardableResult
    static func withOpts<T, R, E: Error>(_ type: T.Type, _ body: (UnsafeMutablePointer<T>) throws(E) -> R) throws(E) -> R {
        LibBPFMessages.installed
        LibBPFMessages.clear()
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.stride, alignment: MemoryLayout<T>.alignment)
        defer { pointer.deallocate() }
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.stride)
        let typed = pointer.assumingMemoryBound(to: T.self)
        pointer.storeBytes(of: MemoryLayout<T>.stride, as: Int.self)  // `sz` is always the first field.
        return try body(typed)
    }
}
