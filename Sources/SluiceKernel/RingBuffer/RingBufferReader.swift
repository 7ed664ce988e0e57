import Glibc

/// Reads records from a `BPF_MAP_TYPE_RINGBUF` map through its mmap-ed
/// pages (libbpf's `ring_buffer__new`/`ring_buffer__poll`): no syscall per
/// record, only to wait when it is empty.
///
/// Not `Sendable`: one thread polls it. Records are copied out before the
/// callback returns, because libbpf reuses the space afterwards.
public final class RingBufferReader {
    /// The ring buffer map read.
    public let map: BPFMap
    private let ring: OpaquePointer
    private let sink: RecordSink

    /// Opens a reader on `map` (which must be a `.ringBuffer` map).
    public init(map: BPFMap) throws(KernelError) {
        guard map.type == .ringBuffer else {
            throw KernelError(call: "ring_buffer__new", errno: EINVAL, message: "map fd \(map.fd) is not a ring buffer map")
        }
        let sink = RecordSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        ring = try LibBPF.ringBufferNew(mapFD: map.fd, callback: { context, data, size in
            guard let context, let data else { return 0 }
            let sink = Unmanaged<RecordSink>.fromOpaque(context).takeUnretainedValue()
            sink.records.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            return 0
        }, context: context)
        self.map = map
        self.sink = sink
    }

    deinit { LibBPF.ringBufferFree(ring) }

    /// Waits up to `timeout` for records and returns those consumed (in order).
    public func poll(timeout: Duration = .zero) throws(KernelError) -> [[UInt8]] {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        _ = try LibBPF.ringBufferPoll(ring, timeoutMilliseconds: Int32(clamping: milliseconds))
        defer { sink.records.removeAll(keepingCapacity: true) }
        return sink.records
    }
}

/// Where the C callback puts records; reached through the context pointer.
private final class RecordSink {
    var records: [[UInt8]] = []
}
