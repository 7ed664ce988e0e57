/// An IPv6 header (RFC 8200; Linux `struct ipv6hdr`) with a chain of
/// extension headers. Payload length and next-header values are filled in
/// when encoded.
public struct IPv6Header: Hashable, Sendable {
    /// Source address.
    public var source: IPv6Address
    /// Destination address.
    public var destination: IPv6Address
    /// Hop limit.
    public var hopLimit: UInt8
    /// Traffic class.
    public var trafficClass: UInt8
    /// Flow label (20 bits).
    public var flowLabel: UInt32
    /// Extension headers, in the order they appear after the fixed header.
    public var extensionHeaders: [IPv6ExtensionHeader]

    /// Makes a header: hop limit 64, no extension headers unless given.
    public init(source: IPv6Address, destination: IPv6Address, hopLimit: UInt8 = 64,
                trafficClass: UInt8 = 0, flowLabel: UInt32 = 0,
                extensionHeaders: [IPv6ExtensionHeader] = []) {
        self.source = source
        self.destination = destination
        self.hopLimit = hopLimit
        self.trafficClass = trafficClass
        self.flowLabel = flowLabel
        self.extensionHeaders = extensionHeaders
    }

    /// The fixed header, the extension headers, then `payload` (the upper
    /// layer, whose protocol is `protocolNumber`).
    public func encoded(protocolNumber: UInt8, payload: [UInt8]) -> [UInt8] {
        var chain: [UInt8] = []
        for (index, header) in extensionHeaders.enumerated() {
            let next = index + 1 < extensionHeaders.count
                ? extensionHeaders[index + 1].protocolNumber : protocolNumber
            chain += header.encoded(nextHeader: next)
        }
        let first = extensionHeaders.first?.protocolNumber ?? protocolNumber
        var bytes: [UInt8] = []
        bytes.appendBigEndian(UInt32(6) << 28 | UInt32(trafficClass) << 20 | (flowLabel & 0xfffff))
        bytes.appendBigEndian(UInt16(truncatingIfNeeded: chain.count + payload.count))
        bytes += [first, hopLimit]
        bytes += source.bytes + destination.bytes
        return bytes + chain + payload
    }

    /// The RFC 8200 §8.1 pseudo-header for an upper-layer checksum.
    func pseudoHeader(protocolNumber: UInt8, length: Int) -> [UInt8] {
        var bytes = source.bytes + destination.bytes
        bytes.appendBigEndian(UInt32(truncatingIfNeeded: length))
        return bytes + [0, 0, 0, protocolNumber]
    }
}

/// An IPv6 extension header (RFC 8200 §4).
public enum IPv6ExtensionHeader: Hashable, Sendable {
    /// Hop-by-hop options (next header 0) with these option TLVs, padded to 8 bytes.
    case hopByHop(options: [UInt8])
    /// Destination options (60) with these option TLVs, padded to 8 bytes.
    case destinationOptions(options: [UInt8])
    /// Routing header (43): type, segments left, and addresses (type-specific data).
    case routing(type: UInt8, segmentsLeft: UInt8, addresses: [IPv6Address])
    /// Fragment header (44): offset in 8-byte units, M flag, identification.
    case fragment(offset: UInt16, moreFragments: Bool, identification: UInt32)

    /// The router alert option carrying MLD (RFC 2711, value 0).
    public static let routerAlertMLD: [UInt8] = [0x05, 0x02, 0x00, 0x00]

    /// The protocol number that announces this header.
    public var protocolNumber: UInt8 {
        switch self {
        case .hopByHop: IPProtocol.hopByHop
        case .destinationOptions: IPProtocol.destinationOptions
        case .routing: IPProtocol.routing
        case .fragment: IPProtocol.fragment
        }
    }

    /// The header's bytes with `nextHeader` in its first octet.
    func encoded(nextHeader: UInt8) -> [UInt8] {
        switch self {
        case .hopByHop(let options), .destinationOptions(let options):
            var body = options
            let padding = (8 - (2 + body.count) % 8) % 8
            if padding == 1 { body.append(0) }  // Pad1
            else if padding > 1 { body += [1, UInt8(padding - 2)] + Array(repeating: 0, count: padding - 2) }  // PadN
            return [nextHeader, UInt8((2 + body.count) / 8 - 1)] + body
        case .routing(let type, let segmentsLeft, let addresses):
            let data = addresses.flatMap(\.bytes)
            return [nextHeader, UInt8(truncatingIfNeeded: data.count / 8), type, segmentsLeft, 0, 0, 0, 0] + data
        case .fragment(let offset, let more, let identification):
            var bytes: [UInt8] = [nextHeader, 0]
            bytes.appendBigEndian(offset << 3 | (more ? 1 : 0))
            bytes.appendBigEndian(identification)
            return bytes
        }
    }
}
