import Foundation
import SluiceBytecode
import SluicePcap
import SluiceTestSupport
import Testing

@Suite struct LibpcapOracleTests {
    static let expressions = ["tcp port 80", "ip host 10.0.0.1 and tcp", "tcp port 80 or tcp port 443 or udp port 53 or icmp",
                              "vlan and udp", "tcp[tcpflags] & tcp-syn != 0", "arp or rarp"]

    /// `compile` gives exactly the program tcpdump prints with -ddd
    /// (optimised and, with -O, not).
    @Test(arguments: expressions) func compileMatchesTcpdumpDDD(_ expression: String) throws {
        guard let url = try SharedData.file("captures/debian-python3-dpkt/http.pcap") else { return }
        for optimize in [true, false] {
            guard let text = try tcpdump(["-r", url.path, "-ddd"] + (optimize ? [] : ["-O"]) + [expression]) else { return }
            let lines = text.split(separator: "\n").dropFirst().map { $0.split(separator: " ").compactMap { UInt32($0) } }
            let expected = Program(lines.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) })
            // tcpdump uses the file's snapshot length (65535) for `ret`.
            #expect(try LibpcapOracle.compile(expression, snaplen: 65535, optimize: optimize) == expected)
        }
    }

    @Test func compileErrorsCarryLibpcapsMessage() {
        #expect(throws: LibpcapOracleError.compileFailed(expression: "tcp port 99999", message: "illegal port number 99999 > 65535")) {
            try LibpcapOracle.compile("tcp port 99999")
        }
        do {
            _ = try LibpcapOracle.compile("tcp and (")
            Issue.record("accepted a syntax error")
        } catch {
            #expect(error.description.contains("syntax error"))
        }
    }

    /// `filter` matches the packets tcpdump's own filtering selects.
    @Test(arguments: expressions) func filterSelectsWhatTcpdumpSelects(_ expression: String) throws {
        guard let url = try SharedData.file("captures/debian-python3-dpkt/dns_icmp.pcap") else { return }
        guard let text = try tcpdump(["-nn", "-r", url.path, expression]) else { return }
        let program = try LibpcapOracle.compile(expression)
        let matched = try CaptureReader(path: url.path).readAll().filter {
            LibpcapOracle.filter(program, packet: $0.data, wireLength: $0.wireLength) != 0
        }
        #expect(matched.count == text.split(separator: "\n").count)
    }

    @Test func validateRejectsWhatLibpcapWouldNotRun() throws {
        #expect(LibpcapOracle.validate([.load(.half, absolute: 12), .return(1)]))
        #expect(!LibpcapOracle.validate([.load(.half, absolute: 12)]))                       // no return
        #expect(!LibpcapOracle.validate([.jump(.jeq, 1, true: 9, false: 0), .return(1)]))   // jump past the end
        #expect(throws: LibpcapOracleError.rejectedByValidate(instructionCount: 1)) {
            try LibpcapProgram([.loadImmediate(1)])
        }
    }
}
