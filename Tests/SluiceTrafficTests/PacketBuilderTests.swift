import Testing
@testable import SluiceTraffic

@Suite struct PacketBuilderTests {
    @Test func internetChecksumMatchesRFC1071Example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
        #expect(InternetChecksum.sum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]) == 0xddf2)
        #expect(InternetChecksum.checksum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]) == 0x220d)
        #expect(InternetChecksum.sum([0xff]) == 0xff00)  // odd length padded with zero
    }

    @Test func addressesParseAndRejectMalformedText() {
        #expect(IPv4Address("192.0.2.1")?.value == 0xc000_0201)
        for bad in ["1.2.3", "1.2.3.256", "1..2.3", "a.b.c.d", ""] { #expect(IPv4Address(bad) == nil, "\(bad)") }
        #expect(IPv6Address("2001:db8::1")?.bytes == [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1])
        #expect(IPv6Address("::")?.bytes == Array(repeating: 0, count: 16))
        #expect(IPv6Address("fe80::1")?.solicitedNodeMulticast.description == "ff02:0:0:0:0:1:ff00:1")
        for bad in ["1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "g::1"] {
            #expect(IPv6Address(bad) == nil, "\(bad)")
        }
        #expect(MACAddress("02:00:0a:00:00:01")?.description == "02:00:0a:00:00:01")
        #expect(MACAddress("02:00:0a:00:00") == nil)
        #expect(MACAddress.multicast(for: .allNodes).description == "33:33:00:00:00:01")
    }

    @Test func tcpOverIPv4WithOptionsLaysOutEveryField() throws {
        let a = NetworkHost(mac: .local(1), ipv4: IPv4Address(10, 0, 0, 1), ipv6: .allNodes)
        let b = NetworkHost(mac: .local(2), ipv4: IPv4Address(10, 0, 0, 2), ipv6: .allNodes)
        var builder = PacketBuilder(from: a, to: b, vlanTags: [VLANTag(id: 42, priority: 5)])
        builder.ipv4Options = [1, 1, 1]  // three NOPs: padded to four bytes
        let frame = builder.tcp(1234, 80, flags: [.syn, .ece], sequence: 7, payload: [1, 2, 3])
        #expect(Array(frame[12..<18]) == [0x81, 0x00, 0xa0, 42, 0x08, 0x00])  // TPID, PCP 5 + VID 42, IPv4
        #expect(frame[18] == 0x46)  // version 4, IHL 6 (24 bytes)
        #expect(ChecksumWalker.be16(frame, 20) == 24 + 20 + 3)  // total length
        #expect(frame[18 + 9] == 6)
        #expect(Array(frame[38..<42]) == [1, 1, 1, 0])
        let tcp = 18 + 24
        #expect(ChecksumWalker.be16(frame, tcp) == 1234 && ChecksumWalker.be16(frame, tcp + 2) == 80)
        #expect(frame[tcp + 12] == 0x50 && frame[tcp + 13] == 0x42)  // data offset 5, SYN|ECE
        #expect(ChecksumWalker.walk(frame).failures.isEmpty)
        #expect(ChecksumWalker.walk(frame).checked == ["ipv4", "tcp"])
    }

    @Test func ipv6ExtensionHeadersChainToTheUpperLayer() {
        let a = NetworkHost(mac: .local(1), ipv4: IPv4Address(0), ipv6: IPv6Address("2001:db8::1") ?? .allNodes)
        let b = NetworkHost(mac: .local(2), ipv4: IPv4Address(0), ipv6: IPv6Address("2001:db8::2") ?? .allNodes)
        var builder = PacketBuilder(from: a, to: b, usesIPv6: true)
        builder.ipv6ExtensionHeaders = [.hopByHop(options: IPv6ExtensionHeader.routerAlertMLD),
                                        .destinationOptions(options: [])]
        let frame = builder.udp(5000, 53, payload: [9, 9, 9])
        #expect(ChecksumWalker.be16(frame, 12) == 0x86dd)
        #expect(frame[14 + 6] == 0)                     // first: hop-by-hop
        #expect(frame[54] == 60 && frame[55] == 0)      // then destination options, 8 bytes
        #expect(frame[62] == 17 && frame[63] == 0)      // then UDP
        #expect(ChecksumWalker.be16(frame, 14 + 4) == 8 + 8 + 8 + 3)  // payload length
        #expect(ChecksumWalker.walk(frame).checked == ["udp"])
    }

    @Test func arpAndShortFramesArePaddedToSixtyBytes() {
        let a = NetworkHost(mac: .local(1), ipv4: IPv4Address(10, 0, 0, 1), ipv6: .allNodes)
        let frame = PacketBuilder(from: a, to: NetworkHost(mac: .broadcast, ipv4: IPv4Address(0), ipv6: .allNodes))
            .arp(.request(senderMAC: a.mac, senderIP: a.ipv4, target: IPv4Address(10, 0, 0, 2)))
        #expect(frame.count == 60)
        #expect(Array(frame[12..<22]) == [0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1])
        #expect(Array(frame[38..<42]) == [10, 0, 0, 2])
    }
}
