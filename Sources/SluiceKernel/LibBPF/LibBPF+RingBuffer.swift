import CBPF
import Glibc

/// `ringbuf.c`: consuming a `BPF_MAP_TYPE_RINGBUF` map through its mmap-ed pages.
extension LibBPF {
    /// `ring_buffer__new(map_fd, sample_cb, ctx, opts)`; `context` is handed
    /// back to `callback` with every record.
    static func ringBufferNew(mapFD: Int32, callback: ring_buffer_sample_fn,
                              context: UnsafeMutableRawPointer) throws(KernelError) -> OpaquePointer {
        try withOpts(ring_buffer_opts.self) { options throws(KernelError) in
            guard let ring = ring_buffer__new(mapFD, callback, context, options) else {
                throw KernelError(call: "ring_buffer__new", errno: Glibc.errno, message: "ring buffer map fd \(mapFD)")
            }
            return ring
        }
    }

    /// `ring_buffer__poll(rb, timeout_ms)`: the number of records consumed.
    static func ringBufferPoll(_ ring: OpaquePointer, timeoutMilliseconds: Int32) throws(KernelError) -> Int {
        let result = ring_buffer__poll(ring, timeoutMilliseconds)
        if result == -EINTR { return 0 }
        return Int(try check(result, "ring_buffer__poll"))
    }

    /// `ring_buffer__free(rb)`.
    static func ringBufferFree(_ ring: OpaquePointer) {
        ring_buffer__free(ring)
    }
}
