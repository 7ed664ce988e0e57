import CPcap
import Glibc

/// Reads the packets of a pcap or pcapng file through libpcap
/// (`pcap_fopen_offline_with_tstamp_precision` + `pcap_next_ex`), one
/// record at a time.
///
/// Opening checks the file header, so a missing, unreadable or non-capture
/// file fails at `init`. Records are read lazily: `next()` throws a
/// `CaptureError` naming the packet when a record is truncated or corrupt.
/// The `Sequence` conformance is for `for packet in reader` loops: it ends
/// at the end of the file *or at the first bad record*, and `failure` then
/// says why, so check it after the loop (or use `next()` / `readAll()`,
/// which throw). The sequence is single-pass: iterating again continues
/// where the last loop stopped.
///
/// Each packet's bytes are copied out of libpcap's buffer into the
/// `CapturedPacket`, so nothing refers to libpcap memory once `next()`
/// returns; the handle is closed (`pcap_close`) when the reader goes away.
public final class CaptureReader: Sequence {
    /// The file being read.
    public let path: String
    /// The link-layer header type (`pcap_datalink`): 1 is Ethernet (DLT_EN10MB).
    public let linkType: Int32
    /// The snapshot length of the file (`pcap_snapshot`).
    public let snapLength: Int
    /// The error that ended iteration through the `Sequence` conformance, if any.
    public private(set) var failure: CaptureError?

    private let handle: OpaquePointer
    private var packetsRead = 0
    private var finished = false

    /// Opens `path` and reads its file header.
    ///
    /// - Throws: `CaptureError.unreadable` (cannot open or read the file) or
    ///   `.corruptHeader` (not a pcap/pcapng file libpcap accepts).
    public init(path: String) throws(CaptureError) {
        self.path = path
        guard let file = fopen(path, "rb") else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        if fstat(fileno(file), &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            fclose(file)
            throw .unreadable(path: path, reason: String(cString: strerror(EISDIR)))
        }
        var message = ""
        let opened = withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(PCAP_ERRBUF_SIZE)) { buffer in
            buffer.initialize(repeating: 0)
            let handle = pcap_fopen_offline_with_tstamp_precision(file, UInt32(PCAP_TSTAMP_PRECISION_NANO), buffer.baseAddress)
            if handle == nil { message = String(cString: buffer.baseAddress!) }
            return handle
        }
        guard let opened else {
            // libpcap leaves the FILE open when it rejects the header.
            fclose(file)
            throw .corruptHeader(path: path, reason: message.isEmpty ? "rejected by libpcap" : message)
        }
        handle = opened
        linkType = pcap_datalink(opened)
        snapLength = Int(pcap_snapshot(opened))
    }

    deinit {
        pcap_close(handle)
    }

    /// The next packet, or nil at the end of the file.
    ///
    /// - Throws: `CaptureError.truncatedRecord` or `.corruptRecord` with the
    ///   0-based index of the bad packet; later calls throw the same error.
    public func next() throws(CaptureError) -> CapturedPacket? {
        if let failure { throw failure }
        if finished { return nil }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var bytes: UnsafePointer<UInt8>?
        let status = pcap_next_ex(handle, &header, &bytes)
        switch status {
        case 1:
            guard let header else { try fail("libpcap returned no record header") }
            let captured = Int(header.pointee.caplen)
            let data = bytes.map { Array(UnsafeBufferPointer(start: $0, count: captured)) } ?? []
            packetsRead += 1
            return CapturedPacket(
                data: data,
                wireLength: Int(header.pointee.len),
                timestamp: CaptureTimestamp(seconds: Int(header.pointee.ts.tv_sec),
                                            nanoseconds: Int(header.pointee.ts.tv_usec)))
        case PCAP_ERROR_BREAK:
            finished = true
            return nil
        default:
            try fail(String(cString: pcap_geterr(handle)))
        }
    }

    /// Every remaining packet, in file order.
    public func readAll() throws(CaptureError) -> [CapturedPacket] {
        var packets: [CapturedPacket] = []
        while let packet = try next() { packets.append(packet) }
        return packets
    }

    /// Records the error for the bad record and throws it.
    private func fail(_ message: String) throws(CaptureError) -> Never {
        let error: CaptureError = message.contains("truncated")
            ? .truncatedRecord(path: path, packetIndex: packetsRead, reason: message)
            : .corruptRecord(path: path, packetIndex: packetsRead, reason: message)
        failure = error
        throw error
    }

    /// Iterates the remaining packets; stops at the end or at the first bad
    /// record (then `CaptureReader.failure` is set).
    public struct Iterator: IteratorProtocol {
        let reader: CaptureReader

        public mutating func next() -> CapturedPacket? {
            do { return try reader.next() } catch { return nil }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(reader: self)
    }
}
