/// Why a capture file could not be read or written: which file, what went
/// wrong, and (for a record) at which packet. Descriptions quote libpcap's
/// own message (`pcap_geterr`, the open error buffer) where it gave one.
public enum CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read at all (missing, a directory,
    /// no permission): the `errno` text.
    case unreadable(path: String, reason: String)
    /// The file opened but is not a pcap or pcapng capture libpcap accepts
    /// (bad magic, short or invalid file header).
    case corruptHeader(path: String, reason: String)
    /// The file ends inside packet record `packetIndex` (0-based): the
    /// capture was cut short.
    case truncatedRecord(path: String, packetIndex: Int, reason: String)
    /// Packet record `packetIndex` (0-based) is malformed (for example a
    /// captured length larger than the snapshot length allows).
    case corruptRecord(path: String, packetIndex: Int, reason: String)
    /// A capture file could not be created or written (`pcap_dump_open`,
    /// `pcap_dump_flush`).
    case writeFailed(path: String, reason: String)
    /// A packet given to `CaptureWriter` is inconsistent (its captured
    /// bytes exceed its wire length or the 32-bit record fields).
    case invalidPacket(path: String, packetIndex: Int, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .corruptHeader(let path, _), .truncatedRecord(let path, _, _),
             .corruptRecord(let path, _, _), .writeFailed(let path, _), .invalidPacket(let path, _, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read capture: \(reason)"
        case .corruptHeader(let path, let reason):
            "\(path): not a valid pcap/pcapng capture: \(reason)"
        case .truncatedRecord(let path, let index, let reason):
            "\(path): truncated record at packet \(index + 1): \(reason)"
        case .corruptRecord(let path, let index, let reason):
            "\(path): corrupt record at packet \(index + 1): \(reason)"
        case .writeFailed(let path, let reason):
            "\(path): cannot write capture: \(reason)"
        case .invalidPacket(let path, let index, let reason):
            "\(path): cannot write packet \(index + 1): \(reason)"
        }
    }
}
