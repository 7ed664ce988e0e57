import SluiceBytecode

/// The compile-speed workload of issue 3: `not ((host A1 and port P1) or
/// …)` with `count` terms, and TCP/UDP/IPv4 packets that hit and miss it.
enum RuleListPrograms {
    /// The i-th rule's address (10.x.y.1) and port.
    static func rule(_ index: Int) -> (address: [UInt8], port: UInt16) {
        ([10, UInt8(index / 250 % 250), UInt8(index % 250), 1], UInt16(1024 + index % 60000))
    }

    /// The filter expression with `count` terms.
    static func expression(terms count: Int) -> String {
        let terms = (0..<count).map { index in
            let (address, port) = rule(index)
            return "(host \(address.map(String.init).joined(separator: ".")) and port \(port))"
        }
        return "not (" + terms.joined(separator: " or ") + ")"
    }

    /// An Ethernet/IPv4 packet (TCP or UDP) from `source` to 192.0.2.1
    /// with the given ports.
    static func packet(source: [UInt8], sourcePort: UInt16, destinationPort: UInt16, udp: Bool) -> [UInt8] {
        let ethernet: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00]
        let transportLength = udp ? 8 : 20
        let total = 20 + transportLength
        let ipv4: [UInt8] = [0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0, 1, 0, 0, 64, udp ? 17 : 6, 0, 0]
            + source + [192, 0, 2, 1]
        var transport = [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xff),
                         UInt8(destinationPort >> 8), UInt8(destinationPort & 0xff)]
        transport += [UInt8](repeating: 0, count: transportLength - 4)
        return ethernet + ipv4 + transport
    }

    /// Packets that match rules (by source or port), that nearly match
    /// (right host, wrong port), and that match none, for the first `count` rules.
    static func packets(terms count: Int) -> [CaptureSample.Packet] {
        var packets: [CaptureSample.Packet] = []
        for index in stride(from: 0, to: count, by: max(1, count / 40)) {
            let (address, port) = rule(index)
            for (sourcePort, destinationPort) in [(port, 80), (80, port), (port &+ 1, 80)] {
                for udp in [false, true] {
                    let data = packet(source: address, sourcePort: sourcePort, destinationPort: destinationPort, udp: udp)
                    packets.append(CaptureSample.Packet(data: data, wireLength: data.count))
                    packets.append(CaptureSample.Packet(data: Array(data.prefix(36)), wireLength: data.count))
                }
            }
        }
        return packets
    }
}
