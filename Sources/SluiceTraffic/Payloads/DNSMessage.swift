/// A DNS query or response with one question (RFC 1035 §4), enough for
/// realistic port-53 traffic.
public struct DNSMessage: Hashable, Sendable {
    /// Transaction id.
    public var identifier: UInt16
    /// The name asked about, e.g. `www.example.com`.
    public var name: String
    /// Query type (1 A, 28 AAAA, 15 MX, ...).
    public var queryType: UInt16
    /// For a response: the IPv4 answers (type A) or IPv6 answers (type AAAA) as raw RDATA.
    public var answers: [[UInt8]]
    /// True for a response.
    public var isResponse: Bool

    /// Makes a message.
    public init(identifier: UInt16, name: String, queryType: UInt16 = 1, isResponse: Bool = false,
                answers: [[UInt8]] = []) {
        self.identifier = identifier
        self.name = name
        self.queryType = queryType
        self.isResponse = isResponse
        self.answers = answers
    }

    /// The wire bytes. Answers point back at the question name (`0xc00c`).
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(identifier)
        bytes.appendBigEndian(isResponse ? UInt16(0x8180) : UInt16(0x0100))  // RD (+QR, RA)
        bytes.appendBigEndian(UInt16(1))
        bytes.appendBigEndian(UInt16(truncatingIfNeeded: answers.count))
        bytes += [0, 0, 0, 0]
        for label in name.split(separator: ".") {
            let utf8 = Array(label.utf8.prefix(63))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes.append(0)
        bytes.appendBigEndian(queryType)
        bytes.appendBigEndian(UInt16(1))  // class IN
        for rdata in answers {
            bytes += [0xc0, 0x0c]
            bytes.appendBigEndian(queryType)
            bytes.appendBigEndian(UInt16(1))
            bytes.appendBigEndian(UInt32(300))
            bytes.appendBigEndian(UInt16(truncatingIfNeeded: rdata.count))
            bytes += rdata
        }
        return bytes
    }
}
