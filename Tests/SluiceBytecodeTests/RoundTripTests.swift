import PropertyBased
import Testing
@testable import SluiceBytecode

/// `decode(encode(p)) == p` for every codec, on random programs.
@Suite struct RoundTripTests {
    /// Formats that keep every field of every instruction.
    static let lossless: [ProgramFormat] = [.binary, .tcpdumpDD, .tcpdumpDDD, .assembly]

    @Test(arguments: lossless)
    func arbitraryBitPatternsRoundTrip(format: ProgramFormat) async {
        await propertyCheck(count: 300, input: ProgramGenerators.words) { words throws in
            let program = ProgramGenerators.arbitrary(words)
            let encoded = ProgramCodec.encode(program, format: format)
            #expect(try ProgramCodec.decode(encoded, format: format) == program)
        }
    }

    @Test(arguments: ProgramFormat.allCases)
    func validLookingProgramsRoundTrip(format: ProgramFormat) async {
        await propertyCheck(count: 300, input: ProgramGenerators.words) { words throws in
            let program = ProgramGenerators.validLooking(words)
            let encoded = ProgramCodec.encode(program, format: format)
            #expect(try ProgramCodec.decode(encoded, format: format) == program)
        }
    }

    /// `-d` text round-trips every instruction whose fields `bpf_image` shows
    /// (see `ProgramGenerators.imageRepresentable` for what it cannot show).
    @Test func imageRoundTripsWhatItShows() async {
        await propertyCheck(count: 500, input: ProgramGenerators.words) { words throws in
            let program = ProgramGenerators.imageRepresentable(words)
            #expect(program.allSatisfy(TcpdumpImage.represents))
            let encoded = ProgramCodec.encode(program, format: .tcpdumpD)
            #expect(try ProgramCodec.decode(encoded, format: .tcpdumpD) == program)
        }
    }

    /// `represents` is exact: an instruction it rejects does not survive `-d`.
    @Test func imageLosesWhatItDoesNotShow() async {
        await propertyCheck(count: 300, input: ProgramGenerators.words) { words throws in
            for instruction in ProgramGenerators.arbitrary(words) {
                let text = ProgramCodec.encode([instruction], format: .tcpdumpD)
                let back = try? ProgramCodec.decode(text, format: .tcpdumpD)
                #expect((back == [instruction]) == TcpdumpImage.represents(instruction))
            }
        }
    }

    /// Any format converts to any other without loss (for programs every format can hold).
    @Test func anyFormatToAnyFormat() async throws {
        await propertyCheck(count: 100, input: ProgramGenerators.words) { words throws in
            let program = ProgramGenerators.validLooking(words)
            for source in ProgramFormat.allCases {
                let decoded = try? ProgramCodec.decode(ProgramCodec.encode(program, format: source))
                for target in ProgramFormat.allCases {
                    let converted = decoded.map { ProgramCodec.encode($0, format: target) }
                    #expect(converted == ProgramCodec.encode(program, format: target), "\(source) -> \(target)")
                }
            }
        }
    }

    /// Detection finds the format each encoder wrote.
    @Test(arguments: ProgramFormat.allCases)
    func detectFindsTheEncoderFormat(format: ProgramFormat) async {
        await propertyCheck(count: 200, input: ProgramGenerators.words) { words throws in
            let program = ProgramGenerators.validLooking(words)
            #expect(ProgramFormat.detect(ProgramCodec.encode(program, format: format)) == format)
        }
    }

    /// 4,097 instructions decode fine: the length limit is the verifier's rule.
    @Test(arguments: ProgramFormat.allCases)
    func longProgramsDecode(format: ProgramFormat) throws {
        let program = Program(Array(repeating: .return(0), count: Program.maximumLength + 1))
        #expect(try ProgramCodec.decode(ProgramCodec.encode(program, format: format), format: format) == program)
    }
}
