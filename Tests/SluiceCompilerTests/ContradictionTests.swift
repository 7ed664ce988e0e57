import SluiceCompiler
import SluiceInterpreter
import SluicePcap
import Testing

/// A test that cannot be true (`ip and arp`: the EtherType cannot be both)
/// makes both of its outcomes go to the same place. The code generator's
/// jump threading then passed the *true* outcome's fact (EtherType is
/// 0x800) along that merged edge, so a later `ip` test looked decided and
/// `(ip and arp) or ether broadcast or ip` matched every frame (FuzzXDP,
/// seed 7: `ip[1] == arp[1] or ether broadcast or ip`). Each expression is
/// compared with libpcap's `bpf_filter` on IPv4, IPv6 and ARP frames, whole
/// and with a non-broadcast destination.
@Suite struct ContradictionTests {
    static let expressions = [
        "ip[1] == arp[1] or ether broadcast or ip",
        "(ip and arp) or ether broadcast or ip",
        "(ip[1] == arp[1] or ether broadcast) or arp",
        "ip[1] == arp[1] or ether[0] = 1 or ip",
        "(ip6 and ip) or ether multicast or ip6",
        "(tcp and udp) or ether broadcast or tcp",
    ]

    static var frames: [[UInt8]] {
        let unicastARP = Array(TruncatedFrameTests.arp.enumerated().map { $0.offset < 6 ? 0x02 : $0.element })
        return TruncatedFrameTests.frames + [unicastARP]
    }

    @Test(arguments: expressions)
    func agreesWithLibpcap(expression: String) throws {
        let reference = try LibpcapProgram(LibpcapOracle.compile(expression, optimize: false))
        for optimize in [true, false] {
            let interpreter = Interpreter(try FilterCompiler.compile(expression, options: CompileOptions(optimize: optimize)).program)
            for (index, frame) in Self.frames.enumerated() {
                let expected = reference.filter(packet: frame, wireLength: frame.count)
                let actual = interpreter.run(packet: frame, wireLength: frame.count)
                #expect(actual == expected,
                        "\(expression) (\(optimize ? "optimized" : "-O0")) on frame \(index): Sluice \(actual), libpcap \(expected)")
            }
        }
    }
}
