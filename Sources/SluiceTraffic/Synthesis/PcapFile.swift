import Foundation

/// The classic pcap savefile format (pcap-savefile(5)), written without
/// libpcap: a 24-byte file header, then per packet a 16-byte record header
/// and the bytes. Microsecond timestamps, little-endian (magic `a1b2c3d4`).
public enum PcapFile {
    /// `LINKTYPE_ETHERNET`.
    public static let ethernetLinkType: UInt32 = 1

    /// The bytes of a savefile holding `packets`. Packets longer than
    /// `snapLength` are truncated, with their full length kept as the wire length.
    public static func encode(_ packets: [SynthesizedPacket], snapLength: UInt32 = 262_144,
                              linkType: UInt32 = ethernetLinkType) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24 + packets.reduce(0) { $0 + 16 + $1.data.count })
        appendLittleEndian(UInt32(0xa1b2_c3d4), to: &bytes)
        appendLittleEndian(UInt16(2), to: &bytes)
        appendLittleEndian(UInt16(4), to: &bytes)
        appendLittleEndian(UInt32(0), to: &bytes)  // thiszone
        appendLittleEndian(UInt32(0), to: &bytes)  // sigfigs
        appendLittleEndian(snapLength, to: &bytes)
        appendLittleEndian(linkType, to: &bytes)
        for packet in packets {
            let captured = packet.data.prefix(Int(snapLength))
            appendLittleEndian(packet.seconds, to: &bytes)
            appendLittleEndian(packet.microseconds, to: &bytes)
            appendLittleEndian(UInt32(captured.count), to: &bytes)
            appendLittleEndian(UInt32(packet.data.count), to: &bytes)
            bytes += captured
        }
        return bytes
    }

    /// Writes `packets` as a savefile at `path`, replacing any file there.
    public static func write(_ packets: [SynthesizedPacket], to path: String,
                             snapLength: UInt32 = 262_144) throws(TrafficError) {
        let data = Data(encode(packets, snapLength: snapLength))
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw TrafficError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}

/// Errors from writing synthesized traffic.
public enum TrafficError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The output file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
