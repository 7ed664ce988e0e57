import Foundation
import SluiceTestSupport
import Testing
@testable import SluiceBytecode

/// The `-d` printer against libpcap's own `bpf_image` text, as recorded in
/// libpcap's TESTrun vectors.
///
/// The vectors store each line with trailing blanks removed, while
/// `bpf_image` keeps the blanks of `%-8s ` after an operand-less mnemonic
/// (`"(006) tax      "`; `LibpcapImageOracleTests` checks those bytes
/// against the installed libpcap). So these tests compare lines with
/// trailing blanks removed, and nothing else.
@Suite struct LibpcapImageGoldenTests {
    /// The part of `libpcap_testrun_filter_vectors.json` these tests read.
    /// (Decoded here rather than with `LibpcapFilterVectors`, whose
    /// `verified_by_build: [Bool]?` rejects the file's `null` entries.)
    struct Vectors: Decodable {
        struct Accept: Decodable {
            var name: String
            var aliases: [String]
            var expected: [String: Expected]
        }
        struct Expected: Decodable {
            var bpf_image: [String]?
            var numeric: [[UInt32]]?
            var program: Program? {
                numeric.map { Program($0.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) }) }
            }
        }
        var accept: [Accept]

        static func load() throws -> Vectors? {
            guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return nil }
            return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
        }
    }

    static func trimmed(_ line: Substring) -> String {
        var line = line
        while line.last == " " || line.last == "\t" { line.removeLast() }
        return String(line)
    }

    /// Every accept block with a verified numeric program: printing it gives
    /// the recorded `bpf_image` lines, and parsing those lines gives the program.
    @Test func everyNumericProgramPrintsItsImage() throws {
        guard let vectors = try Vectors.load() else { return }
        var compared = 0
        for block in vectors.accept {
            for (setting, expected) in block.expected.sorted(by: { $0.key < $1.key }) {
                guard let program = expected.program, let image = expected.bpf_image else { continue }
                let printed = TcpdumpImage.text(program).split(separator: "\n").map(Self.trimmed)
                #expect(printed == image, "\(block.name) \(setting)")
                let parsed = try ProgramCodec.decode(Array(image.joined(separator: "\n").utf8), format: .tcpdumpD)
                #expect(parsed == program, "\(block.name) \(setting)")
                compared += 1
            }
        }
        print("compared \(compared) libpcap programs with their bpf_image text")
        #expect(compared > 700)
    }

    /// `_enumerate_bpf_image`: filtertest prints every opcode libpcap knows as
    /// `bpf_image` text followed by `; 0xCODE`, with k = 15. The printer gives
    /// each line, the `-d` parser reads each back, and the opcodes listed are
    /// exactly the ones Sluice knows.
    @Test func everyOpcodeMatchesLibpcapEnumeration() throws {
        guard let vectors = try Vectors.load() else { return }
        let block = try #require(vectors.accept.first { $0.aliases.contains("_enumerate_bpf_image") })
        let lines = try #require(block.expected["unopt"]?.bpf_image)
        var codes: [UInt16] = []
        var program: [Instruction] = []
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: ";", maxSplits: 1)
            let text = Self.trimmed(parts[0])
            let code = try #require(UInt16(parts[1].trimmingCharacters(in: .whitespaces).dropFirst(2), radix: 16))
            codes.append(code)
            var instruction = Instruction(code: code, k: 15)
            if let targets = text.firstMatch(of: /jt (\d+)\tjf (\d+)/) {
                instruction.jt = UInt8(try #require(Int(targets.1)) - index - 1)
                instruction.jf = UInt8(try #require(Int(targets.2)) - index - 1)
            }
            #expect(Self.trimmed(Substring(TcpdumpImage.line(instruction, at: index))) == text)
            // The text does not show k for opcodes without a k operand; parsing gives 0 there.
            if !(KnownOpcode(code: code)?.usesK ?? false) { instruction.k = 0 }
            program.append(instruction)
        }
        // The `; 0xCODE` suffixes are comments to the -d parser.
        let parsed = try ProgramCodec.decode(Array(lines.joined(separator: "\n").utf8), format: .tcpdumpD)
        #expect(parsed == Program(program))
        #expect(codes.sorted() == KnownOpcode.all.map(\.code))
    }
}
