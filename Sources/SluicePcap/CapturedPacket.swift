/// One packet record of a capture file (libpcap's `struct pcap_pkthdr`
/// plus the bytes): what was captured, and how long it was on the wire.
public struct CapturedPacket: Hashable, Sendable {
    /// The captured bytes (`caplen` of them), starting at the link-layer header.
    public var data: [UInt8]
    /// The packet's length on the wire (`len`), at least `data.count` in a
    /// well-formed capture.
    public var wireLength: Int
    /// When the packet was captured.
    public var timestamp: CaptureTimestamp

    /// Makes a packet; the wire length defaults to the captured length.
    public init(data: [UInt8], wireLength: Int? = nil, timestamp: CaptureTimestamp = CaptureTimestamp()) {
        self.data = data
        self.wireLength = wireLength ?? data.count
        self.timestamp = timestamp
    }
}

/// A capture timestamp with nanosecond precision (the reader opens files
/// with `PCAP_TSTAMP_PRECISION_NANO`, so microsecond files lose nothing).
public struct CaptureTimestamp: Hashable, Comparable, Sendable {
    /// Seconds since the Unix epoch (`tv_sec`).
    public var seconds: Int
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanoseconds: Int

    /// Makes a timestamp.
    public init(seconds: Int = 0, nanoseconds: Int = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: CaptureTimestamp, rhs: CaptureTimestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
