/// A SYN flood, and overlay tunnels (VXLAN, Geneve).
extension SynthesisRun {
    /// A burst of SYNs with spoofed sources (hping3 style: no options, small
    /// window) at the LAN web server, which answers some before its backlog fills.
    mutating func synFlood() {
        let server = network.webServer
        for _ in 0..<random.int(30...90) {
            let source = IPv4Address(UInt8(random.int(1...223)), UInt8(random.int(0...255)),
                                     UInt8(random.int(0...255)), UInt8(random.int(1...254)))
            let spoofed = network.remote(source, v6Suffix: 0)
            let port = UInt16(random.int(1024...65535))
            let sequence = random.word()
            var builder = PacketBuilder(from: spoofed, to: server, timeToLive: UInt8(random.int(40...250)))
            builder.identification = UInt16(truncatingIfNeeded: random.word())
            let syn = TCPHeader(sourcePort: port, destinationPort: 80, sequence: sequence, flags: .syn, window: 512)
            emit(.synFlood, [builder.frame(builder.ip(.tcp(syn)))], gap: 5...120)
            if random.chance(30) {
                emit(.synFlood, [builder.reversed.tcp(80, port, flags: [.syn, .ack], sequence: random.word(),
                                                      acknowledgment: sequence &+ 1, options: TCPHeader.synOptions)],
                     gap: 5...60)
            }
        }
    }

    /// Frames between two virtual machines, carried between two tunnel
    /// endpoints in VXLAN or Geneve. The outer UDP source port is a hash of
    /// the inner flow, as Linux does.
    mutating func tunnel(_ kind: TrafficKind) {
        let (left, right) = network.tunnelEndpoints
        let vni = UInt32(random.pick([100, 200, 5001]))
        let vmA = NetworkHost(mac: .local(0x4200_0000 | UInt32(random.int(1...50))),
                              ipv4: IPv4Address(172, 16, UInt8(vni % 256), UInt8(random.int(2...100))),
                              ipv6: IPv6Address(prefix: [0xfd00], suffix: [1]))
        let vmB = NetworkHost(mac: .local(0x4200_0100 | UInt32(random.int(1...50))),
                              ipv4: IPv4Address(172, 16, UInt8(vni % 256), UInt8(random.int(101...200))),
                              ipv6: IPv6Address(prefix: [0xfd00], suffix: [2]))
        let inner = PacketBuilder(from: vmA, to: vmB)
        var innerFrames: [(forward: Bool, frame: [UInt8])] = []
        if random.chance(50) {
            let identifier = UInt16(truncatingIfNeeded: random.word())
            for sequence in 1...UInt16(2) {
                let payload = random.bytes(56)
                innerFrames.append((true, inner.icmp(.echoRequest(identifier: identifier, sequence: sequence, payload: payload))))
                innerFrames.append((false, inner.reversed.icmp(.echoReply(identifier: identifier, sequence: sequence, payload: payload))))
            }
        } else {
            var tcp = TCPConversation(inner, clientPort: random.ephemeralPort(), serverPort: 8080, random: &random)
            for (index, frame) in tcp.open().enumerated() { innerFrames.append((index != 1, frame)) }
        }
        let flowPort = UInt16(49152 + random.int(0...16383))
        for (forward, frame) in innerFrames {
            let outer = forward ? PacketBuilder(from: left, to: right) : PacketBuilder(from: right, to: left)
            let payload = kind == .vxlan ? TunnelHeader.vxlan(vni: vni, innerFrame: frame)
                                         : TunnelHeader.geneve(vni: vni, innerFrame: frame)
            let port = kind == .vxlan ? TunnelHeader.vxlanPort : TunnelHeader.genevePort
            emit(kind, [outer.udp(flowPort, port, payload: payload)])
        }
    }
}
