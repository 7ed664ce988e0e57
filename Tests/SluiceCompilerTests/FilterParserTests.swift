import Testing
import SluiceCompiler

/// The pcap-filter parser: libpcap's grammar and meaning, errors with a
/// column and a caret, and the canonical printer.
@Suite("FilterParser")
struct FilterParserTests {
    private func atoms(_ text: String) throws -> [Atom] {
        try FilterParser.parse(text).primitives.map(\.atom)
    }

    @Test func qualifierInheritance() throws {
        #expect(try atoms("tcp dst port 21 or 20 or 53") == [21, 20, 53].map {
            .port(PortRange($0), .destination, .tcp)
        })
        let filter = try FilterParser.parse("host 10.0.0.1 and not 10.0.0.2")
        guard case .and(let parts) = filter, parts.count == 2, case .not = parts[1] else {
            Issue.record("expected host and not host, got \(filter)")
            return
        }
        #expect(try atoms("port 80 and (443 or 8080)").count == 3)
    }

    @Test func networksAndMasks() throws {
        let expected = Atom.ipv4Address(IPv4Network(address: 0xc0a8_0000, mask: 0xffff_0000), .sourceOrDestination, .arp)
        for text in ["arp net 192.168.0.0/16", "arp net 192.168", "arp net 192.168 mask 255.255", "arp net 192.168.0.0 mask 255.255.0.0"] {
            #expect(try atoms(text) == [expected], "\(text)")
        }
        #expect(try atoms("net 10") == atoms("net 10.0.0.0/8"))
    }

    @Test func namedValuesAndProtocols() throws {
        #expect(try atoms("tcp[tcpflags] & tcp-syn != 0") == atoms("tcp[13] & 2 != 0"))
        #expect(try atoms("icmp[icmptype] == icmp-echo") == atoms("icmp[0] == 8"))
        #expect(try atoms("ether proto \\ip") == [.linkProtocol(0x0800)])
        #expect(try atoms("ip proto \\tcp") == [.ipProtocol(6, .v4)])
        #expect(try atoms("tcp port smtp") == [.port(PortRange(25), .sourceOrDestination, .tcp)])
        #expect(try atoms("udp portrange bootps-bootpc") == [.port(PortRange(67, 68), .sourceOrDestination, .udp)])
    }

    @Test func ethernetAddressSpellings() throws {
        let address = Atom.etherHost(MACAddress(0x0a0b_0c0d_0e0f), .sourceOrDestination)
        for text in ["a:b:c:d:e:f", "0a:0b:0c:0d:0e:0f", "0a-0b-0c-0d-0e-0f", "0a.0b.0c.0d.0e.0f", "0a0b.0c0d.0e0f"] {
            #expect(try atoms("ether host \(text)") == [address], "\(text)")
        }
        #expect(try atoms("ether host Ab0B0c0D0e0F") == [.etherHost(MACAddress(0xab0b_0c0d_0e0f), .sourceOrDestination)])
        // Wrong group counts or widths, or twelve decimal digits (a number).
        for text in ["0a:0b:0c:0d:0e", "0a:0b:0c:0d:0e:0f:10", "0a:0b:0c:0d:0e:0f0", "0a0b:0c0d:0e0f", "0a0b.0c0d.0e0",
                     "0a:0b:0c:0d:0e:", "0a-0b-0c-0d-0e-0g", "0a0b0c0d0e0", "012345678901"] {
            #expect(throws: CompileError.self, "\(text)") { try FilterParser.parse("ether host \(text)") }
        }
    }

    @Test func encapsulationIsStamped() throws {
        let primitives = try FilterParser.parse("vlan 10 and mpls and ip").primitives
        #expect(primitives.map(\.encapsulation.layers) == [[], [.vlan], [.vlan, .mpls]])
    }

    @Test func precedenceIsLeftToRight() throws {
        // pcap-filter gives `and` and `or` the same precedence.
        let filter = try FilterParser.parse("ip or arp and tcp")
        guard case .and(let parts) = filter, case .or = parts[0] else {
            Issue.record("expected (ip or arp) and tcp, got \(filter)")
            return
        }
    }

    @Test(arguments: [
        ("tcp port 80 and", 16, "expected"),
        ("host example.com", 6, "as a number"),
        ("ether host somehost", 12, "aa:bb:cc:dd:ee:ff"),
        ("gateway router", 9, "gateway"),
        ("ip broadcast", 1, "netmask not known"),
        ("tcp[13] & 2 != ", 16, "expected"),
        ("ether[0:3] = 1", 9, "data size"),
        ("len / 0 > 1", 5, "division by zero"),
        ("port 70000", 6, "illegal port"),
        ("net 10.1.2.3/8", 5, "non-network bits"),
        ("vlan 4096", 6, "greater than maximum"),
        ("ip host 1.2.3.4 or", 19, "expected"),
        ("(ip", 4, "')'"),
        ("ip and tcp $", 12, "expected"),
        ("ip @", 4, "unexpected character"),
    ])
    func errorsPointAtTheColumn(_ text: String, _ column: Int, _ fragment: String) {
        do {
            let filter = try FilterParser.parse(text)
            Issue.record("'\(text)' parsed as \(filter)")
        } catch {
            #expect(error.column == column, "\(error)")
            #expect(error.description.contains(fragment), "\(error)")
            #expect(error.description.contains("^"), "\(error)")
        }
    }

    @Test func aShortExpressionIsShownWholeUnderTheCaret() {
        let error = CompileError("expected a port", at: SourceSpan(start: 9, end: 12), in: "tcp port\tabc")
        #expect(error.description == "column 10: expected a port\n  tcp port abc\n           ^^^")
    }

    @Test func aLongExpressionIsShownAsAWindowAroundTheFault() throws {
        let rules = (0..<1000).map { "(host 10.0.\($0 % 250).1 and port \(1024 + $0))" }.joined(separator: " or ")
        let text = "not (" + rules + " or port http2)"
        let error = try #require(throws: CompileError.self) { try FilterParser.parse(text) }
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].utf8.count <= CompileError.maximumLineLength + 8, "\(lines[1].utf8.count) bytes")
        #expect(lines[1].hasPrefix("  ...") && lines[1].hasSuffix("http2)"), "\(lines[1])")
        // The carets sit under the faulty name, in the shown window.
        let caretStart = try #require(lines[2].firstIndex(of: "^"))
        let offset = lines[2].distance(from: lines[2].startIndex, to: caretStart)
        let under = lines[1].dropFirst(offset).prefix(lines[2].filter { $0 == "^" }.count)
        #expect(under == "http2", "\(error)")
    }

    @Test func aWindowDoesNotCutACharacter() {
        let text = String(repeating: "é", count: 100) + " garbage"
        let error = CompileError("unexpected character", at: SourceSpan(start: 200, end: 201), in: text)
        let line = error.description.split(separator: "\n")[1]
        #expect(line.hasPrefix("  ...é"), "\(line)")
        #expect(!line.contains("\u{FFFD}"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for text in [String(repeating: "(", count: 100_000) + "ip",
                     String(repeating: "not ", count: 100_000) + "ip",
                     "ether[" + String(repeating: "(", count: 50_000) + "1"] {
            #expect(throws: CompileError.self) { try FilterParser.parse(text) }
        }
    }

    @Test func longFlatListsParse() throws {
        let text = (1...5_000).map { "port \($0)" }.joined(separator: " or ")
        #expect(try FilterParser.parse(text).primitives.count == 5_000)
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ip tcp port host net 10.0.0.1 ()[]:!&|=<>+-*/%^ and or not \\ 0x1f vlan mpls :: ab:cd 255 len".utf8)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 32 }
            _ = try? FilterParser.parse(String(decoding: bytes, as: UTF8.self))
            _ = try? FilterCompiler.compile(String(decoding: bytes, as: UTF8.self))
        }
    }
}
