import Testing
import SluiceCompiler

/// parse → print → parse gives the same IR, on every expression of
/// libpcap's Ethernet tests and on hand-picked tricky ones.
@Suite("Canonical printer")
struct CanonicalPrinterTests {
    static let handPicked = [
        "", "tcp dst port 21 or 20 or 53", "not (ip or arp) and ether[0] & 1 != 0",
        "vlan 10 and mpls 5 and ip host 10.0.0.1", "pppoes 3 and ip6", "geneve 7 and tcp port 22",
        "ip6 net 2001:db8::/32 or ip6 src host fe80::1", "ether src aa:bb:cc:dd:ee:ff",
        "-len + 3 * (ip[2:2] - 1) >> 2 < tcp[0:4] ^ 5 | 6 & 7", "net 10.0.0.0 mask 255.0.255.0",
        "llc ui or llc rr or llc", "decnet src 1.1", "ip protochain 17", "isis proto 20 or l1",
        "ether proto \\ipx or atalk or stp", "less 64 or greater 1500", "portrange 1000-2000",
        "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
    ]

    @Test func handPickedRoundTrip() throws {
        for text in Self.handPicked { try expectRoundTrip(text) }
    }

    @Test func libpcapExpressionsRoundTrip() throws {
        guard let vectors = CompilerVectors.shared else { return }
        var checked = 0
        for block in vectors.accept where block.DLT == "EN10MB" {
            for alias in block.aliases {
                guard let filter = try? FilterParser.parse(alias) else { continue }
                #expect(try FilterParser.parse(filter.description) == filter, "\(alias) printed as \(filter.description)")
                checked += 1
            }
        }
        print("canonical printer: \(checked) libpcap expressions round-trip")
        #expect(checked > 300)
    }

    private func expectRoundTrip(_ text: String) throws {
        let filter = try FilterParser.parse(text)
        let printed = filter.description
        let reparsed = try FilterParser.parse(printed)
        #expect(reparsed == filter, "\(text) → \(printed)")
        #expect(reparsed.description == printed, "printing is not stable for \(text)")
    }
}
