import CPcap
import Foundation
import PropertyBased
import Synchronization
import Testing
@testable import SluiceBytecode

/// The `-d` printer against the installed libpcap's `bpf_image()`, byte for
/// byte (trailing blanks included), on random instructions at random indexes.
///
/// One exception: the installed libpcap (1.10.3) predates `ldx #pktlen`
/// (`BPF_LDX|BPF_W|BPF_LEN`, 0x81) and prints it `unimp 0x81`; the libpcap
/// of the TESTrun vectors names it, and so does Sluice
/// (`LibpcapImageGoldenTests.everyOpcodeMatchesLibpcapEnumeration`).
@Suite(.serialized) struct LibpcapImageOracleTests {
    /// `bpf_image` returns a static buffer: one caller at a time.
    static let imageLock = Mutex(())

    /// libpcap's text for `instruction` at `index`.
    static func libpcapImage(_ instruction: Instruction, at index: Int) -> String {
        var insn = pcap_bpf_insn(code: instruction.code, jt: instruction.jt, jf: instruction.jf, k: instruction.k)
        return imageLock.withLock { _ in String(cString: bpf_image(&insn, Int32(index))) }
    }

    /// The opcode whose text differs between the installed libpcap and the vectors' libpcap.
    static let newerThanInstalledLibpcap: UInt16 = 0x81

    static func compare(_ program: Program, firstIndex: Int) {
        for (offset, instruction) in program.enumerated() where instruction.code != newerThanInstalledLibpcap {
            let index = firstIndex + offset
            #expect(TcpdumpImage.line(instruction, at: index) == libpcapImage(instruction, at: index),
                    "\(instruction) at \(index)")
        }
    }

    @Test func arbitraryInstructionsPrintLikeLibpcap() async {
        await propertyCheck(count: 300, input: ProgramGenerators.words, Gen.int(in: 0...5000)) { words, index in
            Self.compare(ProgramGenerators.arbitrary(words), firstIndex: index)
        }
    }

    @Test func knownOpcodesPrintLikeLibpcap() async {
        await propertyCheck(count: 300, input: ProgramGenerators.words, Gen.int(in: 0...1100)) { words, index in
            Self.compare(ProgramGenerators.validLooking(words), firstIndex: index)
        }
    }

    /// Every known opcode with every ancillary offset and every offset next to
    /// one (libpcap names only the `SKF_AD_*` values it knows).
    @Test func ancillaryOffsetsPrintLikeLibpcap() {
        for known in KnownOpcode.all where known.code != Self.newerThanInstalledLibpcap {
            for k in Ancillary.base..<(Ancillary.base + Ancillary.limit + 8) {
                let instruction = Instruction(code: known.code, jt: 3, jf: 250, k: k)
                #expect(TcpdumpImage.line(instruction, at: 7) == Self.libpcapImage(instruction, at: 7))
            }
        }
    }
}

/// `-d`, `-dd` and `-ddd` against what the installed tcpdump prints for the
/// same filters: read tcpdump's `-ddd`, write all three, compare bytes.
@Suite struct TcpdumpOutputTests {
    static let expressions = [
        "tcp port 80", "ip host 10.0.0.1 and tcp", "tcp port 80 or tcp port 443 or udp port 53 or icmp",
        "ip[0] & 0xf > 5 and len > 100", "vlan 3 and ip6", "ether[ether[0]] = 1 and ether[0] * ether[1] > ether[2]",
        "icmp[icmptype] != icmp-echo and not arp",
    ]

    /// A pcap file header (Ethernet, no packets): enough for `tcpdump -r`.
    static func emptyCapture() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-codecs-\(UUID().uuidString).pcap")
        let header: [UInt8] = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                               0xff, 0xff, 0, 0, 1, 0, 0, 0]
        try Data(header).write(to: url)
        return url
    }

    static func tcpdump(_ flag: String, _ expression: String, capture: URL, optimize: Bool) throws -> [UInt8]? {
        guard let path = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump"].first(where: FileManager.default.isExecutableFile) else {
            print("skipped: tcpdump is not installed")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [flag] + (optimize ? [] : ["-O"]) + ["-r", capture.path, expression]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(data) : nil
    }

    @Test(arguments: expressions)
    func printsExactlyWhatTcpdumpPrints(expression: String) throws {
        let capture = try Self.emptyCapture()
        defer { try? FileManager.default.removeItem(at: capture) }
        for optimize in [true, false] {
            guard let ddd = try Self.tcpdump("-ddd", expression, capture: capture, optimize: optimize) else { return }
            let program = try ProgramCodec.decode(ddd, format: .tcpdumpDDD)
            #expect(ProgramCodec.encode(program, format: .tcpdumpDDD) == ddd)
            for (flag, format) in [("-d", ProgramFormat.tcpdumpD), ("-dd", .tcpdumpDD)] {
                let expected = try #require(try Self.tcpdump(flag, expression, capture: capture, optimize: optimize))
                #expect(String(decoding: ProgramCodec.encode(program, format: format), as: UTF8.self)
                        == String(decoding: expected, as: UTF8.self), "\(flag) \(expression)")
                // libpcap leaves fields -d does not show set (`tax` with k != 0), so -d reads back normalized.
                let readable = format == .tcpdumpD ? Program(program.map(TcpdumpImage.normalized)) : program
                #expect(try ProgramCodec.decode(expected, format: format) == readable)
                #expect(ProgramFormat.detect(expected) == format)
            }
        }
    }
}
