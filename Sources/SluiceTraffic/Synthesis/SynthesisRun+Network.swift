/// Network-layer scenarios: ICMP, ARP, VLAN trunks, IPv6 neighbour discovery,
/// IP options and extension headers.
extension SynthesisRun {
    mutating func ping() {
        let serverIndex = UInt8(random.int(10...40))
        let target = random.chance(50) ? network.gateway
            : network.remote(IPv4Address(192, 0, 2, serverIndex), v6Suffix: UInt16(serverIndex))
        let builder = PacketBuilder(from: client(), to: target)
        let identifier = UInt16(truncatingIfNeeded: random.word())
        let payload = random.bytes(56)
        let v6 = random.chance(25)
        for sequence in 1...UInt16(random.int(2...4)) {
            if v6 {
                emit(.ping, [builder.icmpv6(.echoRequest(identifier: identifier, sequence: sequence, payload: payload))])
                emit(.ping, [builder.reversed.icmpv6(.echoReply(identifier: identifier, sequence: sequence, payload: payload))])
            } else {
                emit(.ping, [builder.icmp(.echoRequest(identifier: identifier, sequence: sequence, payload: payload))])
                emit(.ping, [builder.reversed.icmp(.echoReply(identifier: identifier, sequence: sequence, payload: payload))])
            }
        }
    }

    /// A UDP probe and the ICMP error it provokes: port unreachable from the
    /// far host, time exceeded from the gateway (traceroute), or
    /// fragmentation needed (path MTU discovery).
    mutating func icmpError() {
        let serverIndex = UInt8(random.int(10...40))
        let far = network.remote(IPv4Address(198, 51, 100, serverIndex), v6Suffix: UInt16(serverIndex))
        var probe = PacketBuilder(from: client(), to: far)
        let variant = random.int(0...2)
        if variant == 1 { probe.timeToLive = 1 }
        let segment = TransportSegment.udp(UDPHeader(sourcePort: random.ephemeralPort(),
                                                     destinationPort: UInt16(33434 + random.int(0...30))),
                                           payload: random.bytes(32))
        let sent = probe.ip(segment)
        emit(.icmpError, [probe.frame(sent)])
        var reply = probe.reversed
        reply.timeToLive = 64
        let message: ICMPMessage
        switch variant {
        case 0: message = .destinationUnreachable(code: 3, quoting: sent.encoded)
        case 1:
            reply.source = NetworkHost(mac: network.gateway.mac, ipv4: network.gateway.ipv4, ipv6: network.gateway.ipv6)
            message = .timeExceeded(quoting: sent.encoded)
        default:
            var fragmentationNeeded = ICMPMessage.destinationUnreachable(code: 4, quoting: sent.encoded)
            fragmentationNeeded.restOfHeader = 1400  // next-hop MTU
            message = fragmentationNeeded
        }
        emit(.icmpError, [reply.icmp(message)])
    }

    mutating func arpExchange(vlanTags: [VLANTag], kind: TrafficKind) {
        let asker = client()
        let target = random.chance(60) ? network.gateway : network.lan(UInt8(random.int(SyntheticNetwork.clients)))
        var request = PacketBuilder(from: asker, to: network.broadcast, vlanTags: vlanTags)
        emit(kind, [request.arp(.request(senderMAC: asker.mac, senderIP: asker.ipv4, target: target.ipv4))])
        var reply = PacketBuilder(from: target, to: asker, vlanTags: vlanTags)
        emit(kind, [reply.arp(.reply(senderMAC: target.mac, senderIP: target.ipv4,
                                     targetMAC: asker.mac, targetIP: asker.ipv4))])
        if random.chance(20) {  // gratuitous ARP after an address change
            request.source = target
            reply = request
            emit(kind, [reply.arp(.request(senderMAC: target.mac, senderIP: target.ipv4, target: target.ipv4))])
        }
    }

    /// Traffic on an 802.1Q trunk: VLAN 10, 20, 30 or 100, sometimes inside
    /// a QinQ service tag.
    mutating func vlanTrunk() {
        var tags = [VLANTag(id: UInt16(random.pick([10, 20, 30, 100])), priority: UInt8(random.int(0...5)))]
        if random.chance(20) {
            tags.insert(VLANTag(id: 1000, protocolIdentifier: VLANTag.serviceTPID), at: 0)
        }
        switch random.int(0...2) {
        case 0: dnsLookup(vlanTags: tags, kind: .vlan)
        case 1: arpExchange(vlanTags: tags, kind: .vlan)
        default:
            let builder = PacketBuilder(from: client(), to: network.webServer, vlanTags: tags)
            var tcp = TCPConversation(builder, clientPort: random.ephemeralPort(), serverPort: 80, random: &random)
            emit(.vlan, tcp.open())
            emit(.vlan, tcp.clientSends(ApplicationPayload.httpRequest(host: "intranet.example", path: "/")))
            emit(.vlan, tcp.serverSends(ApplicationPayload.httpResponse(bodyLength: random.int(100...2000))))
            emit(.vlan, tcp.close())
        }
    }

    /// A host joins the link: router solicitation and advertisement, an MLD
    /// report (hop-by-hop router alert), then neighbour solicitation and advertisement.
    mutating func neighborDiscovery() {
        let hostIndex = UInt8(random.int(SyntheticNetwork.clients))
        let host = network.linkLocal(hostIndex)
        let router = NetworkHost(mac: network.gateway.mac, ipv4: network.gateway.ipv4,
                                 ipv6: IPv6Address(prefix: [0xfe80], suffix: [1]))
        let allRouters = network.multicast(.allRouters)
        emit(.neighborDiscovery, [PacketBuilder(from: host, to: allRouters, timeToLive: 255)
            .icmpv6(.routerSolicitation(sourceMAC: host.mac))])
        emit(.neighborDiscovery, [PacketBuilder(from: router, to: network.multicast(.allNodes), timeToLive: 255)
            .icmpv6(.routerAdvertisement(sourceMAC: router.mac, prefix: IPv6Address(prefix: [0x2001, 0xdb8, 1], suffix: [])))])
        let global = network.lan(hostIndex)
        let mldGroup = IPv6Address(prefix: [0xff02], suffix: [0x16])
        var mld = PacketBuilder(from: host, to: network.multicast(mldGroup), timeToLive: 1)
        mld.ipv6ExtensionHeaders = [.hopByHop(options: IPv6ExtensionHeader.routerAlertMLD)]
        emit(.neighborDiscovery, [mld.icmpv6(.listenerReport(group: global.ipv6.solicitedNodeMulticast))])
        let target = network.gateway.ipv6
        emit(.neighborDiscovery, [PacketBuilder(from: global, to: network.multicast(target.solicitedNodeMulticast),
                                                timeToLive: 255)
            .icmpv6(.neighborSolicitation(target: target, sourceMAC: global.mac))])
        emit(.neighborDiscovery, [PacketBuilder(from: network.gateway, to: global, timeToLive: 255)
            .icmpv6(.neighborAdvertisement(target: target, targetMAC: network.gateway.mac))])
    }

    /// Packets that exercise header parsing: IGMP with the IPv4 router-alert
    /// option, a fragmented IPv4 ping, a fragmented IPv6 UDP datagram and an
    /// IPv6 packet with a destination-options header.
    mutating func ipOptions() {
        let host = client()
        // IGMPv2 membership report for 239.1.2.x, with router alert (RFC 2236).
        let group = IPv4Address(239, 1, 2, UInt8(random.int(1...254)))
        var igmp: [UInt8] = [0x16, 0, 0, 0] + group.bytes
        igmp.setBigEndian(InternetChecksum.checksum(igmp), at: 2)
        var report = PacketBuilder(from: host, to: NetworkHost(mac: MACAddress(unchecked: [1, 0, 0x5e, 1, 2, group.bytes[3]]),
                                                               ipv4: group, ipv6: .allNodes), timeToLive: 1)
        report.ipv4Options = IPv4Header.routerAlertOption
        emit(.ipOptions, [report.frame(report.ip(.other(protocolNumber: IPProtocol.igmp, bytes: igmp)))])

        let target = network.gateway
        let identification = UInt16(truncatingIfNeeded: random.word())
        let echo = ICMPMessage.echoRequest(identifier: identification, sequence: 1, payload: random.bytes(2000)).encoded
        for (offset, chunk, more) in fragments(echo, size: 1480) {
            let header = IPv4Header(source: host.ipv4, destination: target.ipv4, identification: identification,
                                    dontFragment: false, moreFragments: more, fragmentOffset: UInt16(offset / 8))
            emit(.ipOptions, [PacketBuilder(from: host, to: target).frame(.ipv4(header, .other(protocolNumber: IPProtocol.icmp, bytes: chunk)))])
        }

        let v6Header = IPv6Header(source: host.ipv6, destination: network.resolver.ipv6)
        let datagram = TransportSegment.udp(UDPHeader(sourcePort: random.ephemeralPort(), destinationPort: 4500),
                                            payload: random.bytes(2400))
            .encoded { v6Header.pseudoHeader(protocolNumber: IPProtocol.udp, length: $0) }
        let fragmentID = random.word()
        for (offset, chunk, more) in fragments(datagram, size: 1232) {
            var header = v6Header
            header.extensionHeaders = [.fragment(offset: UInt16(offset / 8), moreFragments: more, identification: fragmentID)]
            emit(.ipOptions, [PacketBuilder(from: host, to: network.resolver).frame(.ipv6(header, .other(protocolNumber: IPProtocol.udp, bytes: chunk)))])
        }

        var withOptions = PacketBuilder(from: host, to: network.resolver, usesIPv6: true)
        withOptions.ipv6ExtensionHeaders = [.destinationOptions(options: [])]
        emit(.ipOptions, [withOptions.udp(random.ephemeralPort(), 53, payload: DNSMessage(identifier: 7, name: "example.org").encoded)])
    }

    /// `bytes` cut into pieces of `size` (a multiple of 8): offset, piece, more-fragments.
    func fragments(_ bytes: [UInt8], size: Int) -> [(Int, [UInt8], Bool)] {
        stride(from: 0, to: bytes.count, by: size).map {
            ($0, Array(bytes[$0..<min(bytes.count, $0 + size)]), $0 + size < bytes.count)
        }
    }
}
