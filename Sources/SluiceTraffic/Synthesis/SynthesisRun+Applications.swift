/// Application scenarios: web, TLS, DNS, SSH, NTP.
extension SynthesisRun {
    static let webNames = ["www.example.com", "cdn.example.net", "api.example.org", "mail.example.com",
                           "docs.example.org", "static.example.net"]

    mutating func webSession(tls: Bool) {
        let kind: TrafficKind = tls ? .tls : .web
        let serverIndex = UInt8(random.int(10...40))
        let server = network.remote(IPv4Address(198, 51, 100, serverIndex), v6Suffix: UInt16(serverIndex))
        let builder = PacketBuilder(from: client(), to: server, usesIPv6: random.chance(25))
        var tcp = TCPConversation(builder, clientPort: random.ephemeralPort(), serverPort: tls ? 443 : 80,
                                  random: &random)
        let name = random.pick(Self.webNames)
        emit(kind, tcp.open())
        if tls {
            emit(kind, tcp.clientSends(ApplicationPayload.tlsClientHello(serverName: name)))
            emit(kind, tcp.serverSends(random.bytes(random.int(1500...4200))))
            emit(kind, tcp.clientSends(random.bytes(random.int(80...600))))
            emit(kind, tcp.serverSends(random.bytes(random.int(200...9000))))
        } else {
            emit(kind, tcp.clientSends(ApplicationPayload.httpRequest(host: name, path: random.pick(["/", "/index.html", "/api/v1/items", "/favicon.ico"]))))
            emit(kind, tcp.serverSends(ApplicationPayload.httpResponse(bodyLength: random.int(100...6000))))
        }
        emit(kind, tcp.close())
    }

    mutating func dnsLookup(vlanTags: [VLANTag], kind: TrafficKind = .dns) {
        var builder = PacketBuilder(from: client(), to: network.resolver, vlanTags: vlanTags)
        builder.usesIPv6 = random.chance(20)
        let aaaa = random.chance(30)
        let query = DNSMessage(identifier: UInt16(truncatingIfNeeded: random.word()),
                               name: random.pick(Self.webNames), queryType: aaaa ? 28 : 1)
        var answer = query
        answer.isResponse = true
        answer.answers = (0..<random.int(1...3)).map { _ in random.bytes(aaaa ? 16 : 4) }
        let port = random.ephemeralPort()
        emit(kind, [builder.udp(port, 53, payload: query.encoded)])
        emit(kind, [builder.reversed.udp(53, port, payload: answer.encoded)], gap: 300...20000)
    }

    mutating func sshSession() {
        let builder = PacketBuilder(from: client(), to: network.sshServer)
        var tcp = TCPConversation(builder, clientPort: random.ephemeralPort(), serverPort: 22, random: &random)
        emit(.ssh, tcp.open())
        emit(.ssh, tcp.serverSends(ApplicationPayload.sshBanner("OpenSSH_9.2p1 Debian-2+deb12u3")))
        emit(.ssh, tcp.clientSends(ApplicationPayload.sshBanner("OpenSSH_9.6")))
        emit(.ssh, tcp.clientSends(random.bytes(random.int(900...1500))))
        emit(.ssh, tcp.serverSends(random.bytes(random.int(900...1500))))
        for _ in 0..<random.int(2...8) {  // keystrokes and their echoes
            emit(.ssh, tcp.clientSends(random.bytes(36)), gap: 20000...300000)
            emit(.ssh, tcp.serverSends(random.bytes(36)))
        }
        emit(.ssh, tcp.close())
    }

    /// One source tries many short logins: each connection gets a banner
    /// exchange, one failed attempt and a reset.
    mutating func sshBruteForce() {
        let attackerIndex = UInt8(random.int(2...250))
        let attacker = network.remote(IPv4Address(203, 0, 113, attackerIndex), v6Suffix: UInt16(attackerIndex))
        let builder = PacketBuilder(from: attacker, to: network.sshServer, timeToLive: 49)
        for _ in 0..<random.int(6...14) {
            var tcp = TCPConversation(builder, clientPort: random.ephemeralPort(), serverPort: 22, random: &random)
            emit(.sshBruteForce, tcp.open(), gap: 200...3000)
            emit(.sshBruteForce, tcp.serverSends(ApplicationPayload.sshBanner("OpenSSH_9.2p1")))
            emit(.sshBruteForce, tcp.clientSends(ApplicationPayload.sshBanner("libssh_0.9.6")))
            emit(.sshBruteForce, tcp.clientSends(random.bytes(random.int(60...200))))
            emit(.sshBruteForce, tcp.serverReset())
        }
    }

    mutating func ntpExchange() {
        let builder = PacketBuilder(from: client(), to: network.timeServer)
        let ntpSeconds = TrafficSynthesizer.startSeconds &+ 2_208_988_800 &+ UInt32(clock / 1_000_000)
        emit(.ntp, [builder.udp(123, 123, payload: NTPPacket(isServer: false, transmitSeconds: ntpSeconds).encoded)])
        emit(.ntp, [builder.reversed.udp(123, 123, payload: NTPPacket(isServer: true, transmitSeconds: ntpSeconds).encoded)])
        if random.chance(25) {
            // Reflection attempt: a spoofed monlist query and the amplified answer.
            let victimIndex = UInt8(random.int(2...250))
            let victim = network.remote(IPv4Address(203, 0, 113, victimIndex), v6Suffix: UInt16(victimIndex))
            let port = random.ephemeralPort()
            let query = PacketBuilder(from: victim, to: network.timeServer, timeToLive: 52)
            emit(.ntp, [query.udp(port, 123, payload: NTPMonlist.request)])
            for _ in 0..<random.int(1...3) {
                emit(.ntp, [query.reversed.udp(123, port, payload: NTPMonlist.reply(items: 6, filler: random.bytes(72)))], gap: 20...200)
            }
        }
    }
}
