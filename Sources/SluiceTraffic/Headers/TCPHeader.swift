/// A TCP header (RFC 9293; Linux `struct tcphdr`). Data offset and checksum
/// are computed when encoded.
public struct TCPHeader: Hashable, Sendable {
    /// Source port.
    public var sourcePort: UInt16
    /// Destination port.
    public var destinationPort: UInt16
    /// Sequence number.
    public var sequence: UInt32
    /// Acknowledgment number.
    public var acknowledgment: UInt32
    /// Control bits.
    public var flags: TCPFlags
    /// Receive window.
    public var window: UInt16
    /// Urgent pointer.
    public var urgentPointer: UInt16
    /// Option bytes, padded with end-of-list zeros to 4 bytes (at most 40).
    public var options: [UInt8]

    /// Makes a header; window 64240 and no options unless given.
    public init(sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32 = 0,
                acknowledgment: UInt32 = 0, flags: TCPFlags, window: UInt16 = 64240,
                urgentPointer: UInt16 = 0, options: [UInt8] = []) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.sequence = sequence
        self.acknowledgment = acknowledgment
        self.flags = flags
        self.window = window
        self.urgentPointer = urgentPointer
        self.options = options
    }

    /// SYN options as a Windows client sends them: MSS 1460, NOP, window
    /// scale 8, NOP, NOP, SACK permitted (12 bytes; no timestamps, so the
    /// bytes stay deterministic).
    public static let synOptions: [UInt8] = [2, 4, 0x05, 0xb4, 1, 3, 3, 8, 1, 1, 4, 2]

    /// Header and payload; `pseudoHeader` is the network layer's checksum prefix.
    func encoded(payload: [UInt8], pseudoHeader: [UInt8]) -> [UInt8] {
        var optionBytes = Array(options.prefix(40))
        while optionBytes.count % 4 != 0 { optionBytes.append(0) }
        var bytes: [UInt8] = []
        bytes.appendBigEndian(sourcePort)
        bytes.appendBigEndian(destinationPort)
        bytes.appendBigEndian(sequence)
        bytes.appendBigEndian(acknowledgment)
        bytes.append(UInt8((20 + optionBytes.count) / 4) << 4)
        bytes.append(flags.rawValue)
        bytes.appendBigEndian(window)
        bytes += [0, 0]
        bytes.appendBigEndian(urgentPointer)
        bytes += optionBytes + payload
        bytes.setBigEndian(InternetChecksum.checksum(pseudoHeader + bytes), at: 16)
        return bytes
    }
}

/// TCP control bits, as in the 13th byte of the header (`tcp[13]`).
public struct TCPFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// FIN: no more data from the sender.
    public static let fin = TCPFlags(rawValue: 0x01)
    /// SYN: synchronize sequence numbers.
    public static let syn = TCPFlags(rawValue: 0x02)
    /// RST: reset the connection.
    public static let rst = TCPFlags(rawValue: 0x04)
    /// PSH: push function.
    public static let psh = TCPFlags(rawValue: 0x08)
    /// ACK: the acknowledgment field is significant.
    public static let ack = TCPFlags(rawValue: 0x10)
    /// URG: the urgent pointer is significant.
    public static let urg = TCPFlags(rawValue: 0x20)
    /// ECE: ECN echo.
    public static let ece = TCPFlags(rawValue: 0x40)
    /// CWR: congestion window reduced.
    public static let cwr = TCPFlags(rawValue: 0x80)
}
