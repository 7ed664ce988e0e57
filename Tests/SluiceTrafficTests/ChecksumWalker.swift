@testable import SluiceTraffic

/// An independent, minimal dissector for the tests: walks Ethernet, VLAN
/// tags, IPv4/IPv6 (with extension headers) and checks every checksum it can
/// (fragments carry partial transport data and only get the IP check).
struct ChecksumWalker {
    /// What was found in one frame.
    struct Report {
        var checked: [String] = []
        var failures: [String] = []
    }

    static func walk(_ frame: [UInt8]) -> Report {
        var report = Report()
        guard frame.count >= 14 else { report.failures.append("frame shorter than Ethernet header"); return report }
        var offset = 12
        var etherType = be16(frame, offset)
        while etherType == 0x8100 || etherType == 0x88a8 {
            offset += 4
            etherType = be16(frame, offset)
        }
        offset += 2
        switch etherType {
        case 0x0800: ipv4(frame, offset, &report)
        case 0x86dd: ipv6(frame, offset, &report)
        case 0x0806: report.checked.append("arp")
        default: report.failures.append("unexpected EtherType \(etherType)")
        }
        return report
    }

    static func ipv4(_ frame: [UInt8], _ start: Int, _ report: inout Report) {
        let headerLength = Int(frame[start] & 0x0f) * 4
        let totalLength = Int(be16(frame, start + 2))
        guard start + totalLength <= frame.count else { report.failures.append("IPv4 total length past frame"); return }
        let header = Array(frame[start..<start + headerLength])
        record(InternetChecksum.isValid(header), "ipv4", &report)
        let fragmentField = be16(frame, start + 6)
        if fragmentField & 0x3fff != 0 { return }  // a fragment: transport checksum spans several packets
        let segment = Array(frame[start + headerLength..<start + totalLength])
        var pseudo = Array(frame[start + 12..<start + 20]) + [0, frame[start + 9]]
        pseudo += [UInt8(segment.count >> 8), UInt8(segment.count & 0xff)]
        transport(frame[start + 9], segment, pseudo, &report)
    }

    static func ipv6(_ frame: [UInt8], _ start: Int, _ report: inout Report) {
        let payloadLength = Int(be16(frame, start + 4))
        guard start + 40 + payloadLength <= frame.count else { report.failures.append("IPv6 payload length past frame"); return }
        var next = frame[start + 6]
        var offset = start + 40
        while [0, 43, 60, 44].contains(next) {
            if next == 44 { report.checked.append("ipv6-fragment"); return }
            let length = (Int(frame[offset + 1]) + 1) * 8
            next = frame[offset]
            offset += length
        }
        let segment = Array(frame[offset..<start + 40 + payloadLength])
        var pseudo = Array(frame[start + 8..<start + 40])
        pseudo += [0, 0, UInt8(segment.count >> 8), UInt8(segment.count & 0xff), 0, 0, 0, next]
        transport(next, segment, pseudo, &report)
    }

    static func transport(_ proto: UInt8, _ segment: [UInt8], _ pseudo: [UInt8], _ report: inout Report) {
        switch proto {
        case 6: record(InternetChecksum.isValid(pseudo + segment), "tcp", &report)
        case 17: record(InternetChecksum.isValid(pseudo + segment), "udp", &report)
        case 58: record(InternetChecksum.isValid(pseudo + segment), "icmp6", &report)
        case 1: record(InternetChecksum.isValid(segment), "icmp", &report)
        case 2: record(InternetChecksum.isValid(segment), "igmp", &report)
        default: report.failures.append("unexpected protocol \(proto)")
        }
    }

    static func record(_ valid: Bool, _ what: String, _ report: inout Report) {
        if valid { report.checked.append(what) } else { report.failures.append("bad \(what) checksum") }
    }

    static func be16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
}
