/// Plausible Ethernet frames built from arbitrary bytes (fuzz input or a
/// seeded generator): Ethernet, optional 802.1Q/802.1ad tags, then IPv4,
/// IPv6, ARP or an arbitrary ethertype; over IP, TCP, UDP, ICMP, ICMPv6 or
/// a random protocol, with an IPv6 fragment header sometimes. Every choice
/// comes from the input, so the same bytes give the same frame, and the
/// fields a filter tests (addresses, ports, protocols, header lengths,
/// fragment offsets) take both common and odd values.
///
/// A frame built from random bytes is structurally valid, which random
/// bytes themselves almost never are: filters reach their deep branches.
public struct RandomPackets {
    /// One generated frame.
    public struct Frame: Hashable, Sendable {
        /// The captured bytes.
        public var bytes: [UInt8]
        /// The length on the wire (≥ `bytes.count`; larger when truncated).
        public var wireLength: Int
    }

    private var source: ByteSource

    /// A generator drawing its choices from `bytes` (zeros once they run out).
    public init(bytes: [UInt8]) {
        source = ByteSource(bytes)
    }

    /// True when the input has been used up.
    public var isExhausted: Bool { source.isExhausted }

    /// The next frame.
    public mutating func next() -> Frame {
        var frame: [UInt8] = []
        // Addresses from a small pool, so that host tests match sometimes.
        frame += mac()
        frame += mac()
        var tags = Int(source.byte() % 8)
        tags = tags < 5 ? 0 : tags - 4  // mostly untagged, up to 3 tags
        for _ in 0..<tags {
            frame += be16(source.pick([0x8100, 0x88a8, 0x9100, 0x8100]))
            frame += be16(source.pick([10, 20, 0, UInt16(source.byte()) << 4 | UInt16(source.byte())]))
        }
        let kind = source.byte() % 10
        switch kind {
        case 0...3:
            frame += be16(0x0800)
            frame += ipv4(payloadProtocol: transportProtocol())
        case 4...6:
            frame += be16(0x86dd)
            frame += ipv6()
        case 7:
            frame += be16(source.pick([0x0806, 0x8035]))
            frame += arp()
        default:
            frame += be16(source.pick([0x8847, 0x8863, 0x8864, 0x88cc, 0x0026, UInt16(source.byte()) << 8 | 0x00]))
            frame += source.bytes(Int(source.byte() % 48))
        }
        // Sometimes truncate the capture, as a small snap length would.
        let wireLength = frame.count
        if source.byte() % 8 == 0 {
            let keep = Int(source.byte()) % (frame.count + 1)
            frame = Array(frame.prefix(keep))
        }
        return Frame(bytes: frame, wireLength: wireLength)
    }

    // MARK: - Layers

    private mutating func transportProtocol() -> UInt8 {
        source.pick([6, 6, 17, 17, 1, 132, 2, 58, source.byte()])
    }

    private mutating func ipv4(payloadProtocol: UInt8) -> [UInt8] {
        let optionWords = source.byte() % 4 == 0 ? Int(source.byte() % 11) : 0
        let headerLength = 20 + optionWords * 4
        let payload = transport(payloadProtocol)
        let total = headerLength + payload.count
        // Fragment field: mostly 0 or DF; sometimes MF or a non-zero offset.
        let fragment = source.pick([0x0000, 0x4000, 0x4000, 0x2000, 0x00b9, UInt16(source.byte()) << 8 | UInt16(source.byte())])
        var header: [UInt8] = [0x40 | UInt8(headerLength / 4), source.byte()]
        header += be16(UInt16(truncatingIfNeeded: total))
        header += be16(UInt16(source.byte()))
        header += be16(fragment)
        header += [64, payloadProtocol, 0, 0]
        header += ipv4Address() + ipv4Address()
        header += source.bytes(optionWords * 4)
        return header + payload
    }

    private mutating func ipv6() -> [UInt8] {
        var next = transportProtocol()
        var extensions: [UInt8] = []
        if source.byte() % 4 == 0 {
            // A fragment header (44) before the transport header.
            extensions = [next, 0] + be16(source.pick([0, 1, 0x00b8])) + source.bytes(4)
            next = 44
        }
        let payload = extensions + transport(extensions.isEmpty ? next : extensions[0])
        var header: [UInt8] = [0x60, 0, 0, 0]
        header += be16(UInt16(truncatingIfNeeded: payload.count))
        header += [next, 64]
        header += ipv6Address() + ipv6Address()
        return header + payload
    }

    private mutating func arp() -> [UInt8] {
        var message: [UInt8] = be16(1) + be16(0x0800) + [6, 4] + be16(source.pick([1, 2, 3, 4]))
        message += mac() + ipv4Address() + mac() + ipv4Address()
        return message
    }

    private mutating func transport(_ number: UInt8) -> [UInt8] {
        switch number {
        case 6:
            var header = be16(port()) + be16(port()) + source.bytes(8)
            let dataOffset = source.pick([5, 5, 8, UInt8(source.byte() % 16)])
            header += [dataOffset << 4, source.pick([0x02, 0x12, 0x10, 0x18, 0x11, 0x04, source.byte()])]
            header += source.bytes(6)
            return header + source.bytes(Int(source.byte() % 32))
        case 17, 132:
            return be16(port()) + be16(port()) + be16(8) + source.bytes(2) + source.bytes(Int(source.byte() % 32))
        case 1, 58:
            return [source.pick([0, 3, 8, 11, 128, 129, 135, 136]), source.byte() % 4] + source.bytes(2 + Int(source.byte() % 24))
        default:
            return source.bytes(Int(source.byte() % 40))
        }
    }

    // MARK: - Fields

    private mutating func port() -> UInt16 {
        source.pick([80, 443, 53, 22, 8080, 4789, 6081, 0, 65535, UInt16(source.byte()) << 8 | UInt16(source.byte())])
    }

    private mutating func mac() -> [UInt8] {
        source.pick([[0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x00, 0x11, 0x22, 0x33, 0x44, 0x55],
                     [0x01, 0x00, 0x5e, 0x00, 0x00, 0x01], [0x33, 0x33, 0, 0, 0, 1], source.bytes(6)])
    }

    private mutating func ipv4Address() -> [UInt8] {
        source.pick([[10, 0, 0, 1], [192, 168, 1, 1], [224, 0, 0, 1], [255, 255, 255, 255], [127, 0, 0, 1],
                     [10, UInt8(source.byte() % 4), 0, source.byte()], source.bytes(4)])
    }

    private mutating func ipv6Address() -> [UInt8] {
        source.pick([[0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [1],
                     [0xff, 0x02] + [UInt8](repeating: 0, count: 13) + [1],
                     [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [source.byte()],
                     [UInt8](repeating: 0, count: 15) + [1], source.bytes(16)])
    }

    private func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
}

/// Reads choices from a byte string; zeros once it runs out.
struct ByteSource {
    private let data: [UInt8]
    private var position = 0

    init(_ data: [UInt8]) { self.data = data }

    var isExhausted: Bool { position >= data.count }

    mutating func byte() -> UInt8 {
        guard position < data.count else { return 0 }
        defer { position += 1 }
        return data[position]
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in byte() }
    }

    /// One of `choices` (which must not be empty; evaluated eagerly).
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(byte()) % choices.count]
    }
}
