import SluiceBytecode
import SluiceCompiler
import SluiceInterpreter
import SluicePcap
import Testing

/// Frames cut short (docs/fuzzing.md, finding 6): where `X or Y` makes X's
/// outcome irrelevant (`(ip src and dst net 10.1/16) or ip`), the code
/// generator may skip X's test but not a load of X that can run past the
/// captured bytes: that load rejects the frame in libpcap's program as
/// written (`pcap_compile` without its optimizer, which is also what the
/// XDP code does). Every cut of each frame is compared with libpcap's
/// `bpf_filter`, with and without Sluice's optimizer.
@Suite struct TruncatedFrameTests {
    static let absorptions = [
        "(ip src and dst net 10.1/16) or ip and ip",
        "ip src 10.1.0.1 or ip",
        "(ip host 10.9.9.9 and ip[40:4] = 1) or ip",
        "tcp dst port 80 or tcp",
        "(tcp port 80 and ip[60] = 0) or tcp",
        "udp dst port 53 or udp",
        "(ip6 src host ::1 and ip6 dst host ::2) or ip6",
        "arp dst host 10.1.0.2 or arp",
        "(ether src 2:0:0:0:0:1 and ip) or ether dst 2:0:0:0:0:2",
        "ip or (ip dst 10.1.0.2 and ip[50] = 7)",
    ]

    @Test(arguments: absorptions)
    func cutFramesGetLibpcapsVerdict(expression: String) throws {
        let reference = try LibpcapProgram(LibpcapOracle.compile(expression, optimize: false))
        let programs = try [true, false].map { optimize in
            (optimize, Interpreter(try FilterCompiler.compile(expression, options: CompileOptions(optimize: optimize)).program))
        }
        for frame in Self.frames {
            for length in 14...frame.count {
                let cut = Array(frame[..<length])
                let expected = reference.filter(packet: cut, wireLength: frame.count)
                for (optimize, interpreter) in programs {
                    let actual = interpreter.run(packet: cut, wireLength: frame.count)
                    #expect(actual == expected,
                            "\(expression) (\(optimize ? "optimized" : "-O0")) on \(length) of \(frame.count) bytes: Sluice \(actual), libpcap \(expected)")
                }
            }
        }
    }

    /// Finding 6 itself: libpcap's optimizer drops the address loads and
    /// matches the 26-byte frame; its program as written, XDP and Sluice reject it.
    @Test func findingSixFrameIsRejected() throws {
        let expression = "(ip src and dst net 10.1/16) or ip and ip"
        let frame = Array(Self.ipv4TCP[..<26])
        let compiled = try FilterCompiler.compile(expression)
        #expect(Interpreter(compiled.program).run(packet: frame, wireLength: 60) == 0)
        #expect(LibpcapOracle.filter(try LibpcapOracle.compile(expression, optimize: false), packet: frame, wireLength: 60) == 0)
        // The whole frame still matches.
        #expect(Interpreter(compiled.program).run(packet: Self.ipv4TCP, wireLength: 60) == 262_144)
    }

    static let source: [UInt8] = [2, 0, 0, 0, 0, 1]
    static let destination: [UInt8] = [2, 0, 0, 0, 0, 2]

    /// Ethernet, IPv4 10.1.0.1 → 10.1.0.2, TCP 1234 → 80, 6 bytes of payload.
    static let ipv4TCP: [UInt8] = destination + source + [0x08, 0x00,
        0x45, 0, 0, 46, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 1, 0, 1, 10, 1, 0, 2,
        0x04, 0xd2, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0, 0, 0, 0, 0,
        1, 2, 3, 4, 5, 6]

    /// Ethernet, IPv4 10.1.0.1 → 10.1.0.2, UDP 5353 → 53, 4 bytes of payload.
    static let ipv4UDP: [UInt8] = destination + source + [0x08, 0x00,
        0x45, 0, 0, 32, 0, 2, 0, 0, 64, 17, 0, 0, 10, 1, 0, 1, 10, 1, 0, 2,
        0x14, 0xe9, 0, 53, 0, 12, 0, 0, 7, 7, 7, 7]

    /// Ethernet, IPv6 ::1 → ::2, UDP 5353 → 53.
    static let ipv6UDP: [UInt8] = destination + source + [0x86, 0xdd,
        0x60, 0, 0, 0, 0, 8, 17, 64]
        + [UInt8](repeating: 0, count: 15) + [1] + [UInt8](repeating: 0, count: 15) + [2]
        + [0x14, 0xe9, 0, 53, 0, 8, 0, 0]

    /// Ethernet, ARP request 10.1.0.1 asks for 10.1.0.2.
    static let arp: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] + source + [0x08, 0x06,
        0, 1, 0x08, 0, 6, 4, 0, 1] + source + [10, 1, 0, 1] + [0, 0, 0, 0, 0, 0] + [10, 1, 0, 2]

    static let frames = [ipv4TCP, ipv4UDP, ipv6UDP, arp]
}
