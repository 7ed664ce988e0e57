import SluiceTestSupport
import Testing
@testable import SluiceBytecode

/// Real programs (the kernel's classic-BPF tests, including the rejected
/// ones and the 4096-instruction fills, and libpcap's compiled filters)
/// survive every codec; `-d` keeps what it shows.
@Suite struct RealProgramTests {
    static func roundTripEverywhere(_ program: Program, _ name: String) throws {
        for format in ProgramFormat.allCases {
            let expected = format == .tcpdumpD ? Program(program.map(TcpdumpImage.normalized)) : program
            let encoded = ProgramCodec.encode(program, format: format)
            #expect(try ProgramCodec.decode(encoded, format: format) == expected, "\(name) \(format)")
            #expect(ProgramFormat.detect(encoded) == format, "\(name) \(format)")
        }
    }

    @Test func linuxClassicVectorsRoundTrip() throws {
        guard let vectors = try LinuxClassicVectors.load() else { return }
        var checked = 0
        for vector in vectors.vectors where !vector.insns.isEmpty {
            try Self.roundTripEverywhere(vector.program, vector.name)
            checked += 1
        }
        #expect(checked > 120)
    }

    @Test func libpcapProgramsRoundTrip() throws {
        guard let vectors = try LibpcapImageGoldenTests.Vectors.load() else { return }
        var checked = 0
        for block in vectors.accept {
            for expected in block.expected.values {
                guard let program = expected.program else { continue }
                try Self.roundTripEverywhere(program, block.name)
                checked += 1
            }
        }
        #expect(checked > 700)
    }
}
