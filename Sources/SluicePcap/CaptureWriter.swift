import CPcap
import Glibc

/// Writes a classic pcap file (nanosecond timestamps) through libpcap's
/// dumper: `pcap_open_dead_with_tstamp_precision` + `pcap_dump_open` +
/// `pcap_dump`, so every tool that reads pcap reads the result.
///
/// Call `close()` to flush and learn about write errors; a writer that is
/// dropped without `close()` still closes its file (errors are then lost).
public final class CaptureWriter {
    /// The file being written.
    public let path: String
    /// The link-layer header type written in the file header (1: Ethernet).
    public let linkType: Int32
    /// The snapshot length written in the file header.
    public let snapLength: Int

    private let handle: OpaquePointer
    private var dumper: OpaquePointer?
    private var packetsWritten = 0

    /// Creates (or truncates) `path` and writes the file header.
    ///
    /// - Throws: `CaptureError.writeFailed` when the file cannot be created.
    public init(path: String, linkType: Int32 = 1, snapLength: Int = 262_144) throws(CaptureError) {
        self.path = path
        self.linkType = linkType
        self.snapLength = snapLength
        guard let handle = pcap_open_dead_with_tstamp_precision(linkType, Int32(clamping: snapLength),
                                                                 UInt32(PCAP_TSTAMP_PRECISION_NANO)) else {
            throw .writeFailed(path: path, reason: "pcap_open_dead failed for link type \(linkType)")
        }
        guard let dumper = pcap_dump_open(handle, path) else {
            let reason = String(cString: pcap_geterr(handle))
            pcap_close(handle)
            throw .writeFailed(path: path, reason: reason)
        }
        self.handle = handle
        self.dumper = dumper
    }

    deinit {
        if let dumper { pcap_dump_close(dumper) }
        pcap_close(handle)
    }

    /// Appends one packet record.
    ///
    /// - Throws: `CaptureError.invalidPacket` when the packet's wire length
    ///   is shorter than its data or a length does not fit the record;
    ///   `.writeFailed` after `close()`.
    public func write(_ packet: CapturedPacket) throws(CaptureError) {
        guard let dumper else { throw .writeFailed(path: path, reason: "the writer is closed") }
        guard packet.wireLength >= packet.data.count,
              let captured = UInt32(exactly: packet.data.count),
              let wire = UInt32(exactly: packet.wireLength) else {
            throw .invalidPacket(path: path, packetIndex: packetsWritten,
                                 reason: "captured \(packet.data.count) bytes, wire length \(packet.wireLength)")
        }
        var header = pcap_pkthdr()
        header.ts.tv_sec = packet.timestamp.seconds
        header.ts.tv_usec = packet.timestamp.nanoseconds
        header.caplen = captured
        header.len = wire
        packet.data.withUnsafeBufferPointer { bytes in
            pcap_dump(UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header, bytes.baseAddress)
        }
        packetsWritten += 1
    }

    /// Appends every packet, in order.
    public func write(contentsOf packets: some Sequence<CapturedPacket>) throws(CaptureError) {
        for packet in packets { try write(packet) }
    }

    /// Flushes and closes the file; later writes fail.
    ///
    /// - Throws: `CaptureError.writeFailed` when buffered data could not be written.
    public func close() throws(CaptureError) {
        guard let dumper else { return }
        self.dumper = nil
        let flushed = pcap_dump_flush(dumper) == 0 && ferror(pcap_dump_file(dumper)) == 0
        let reason = flushed ? "" : String(cString: strerror(errno))
        pcap_dump_close(dumper)
        if !flushed { throw .writeFailed(path: path, reason: reason) }
    }
}
