import PropertyBased
import Testing
@testable import SluiceBytecode

/// Garbage and damaged input: every decoder returns a program or a
/// `DecodingError` that points inside the input; nothing crashes or hangs.
@Suite struct GarbageInputTests {
    static func checkLocation(_ error: DecodingError, in bytes: [UInt8]) {
        switch error.location {
        case .byteOffset(let offset):
            #expect(offset >= 0 && offset <= bytes.count)
        case .text(let line, let column):
            let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            #expect(line >= 1 && line <= max(lineCount, 1), "\(error)")
            #expect(column >= 1, "\(error)")
        }
        #expect(!error.description.isEmpty)
    }

    static func decodeEverywhere(_ bytes: [UInt8]) {
        for format in ProgramFormat.allCases {
            do {
                let program = try ProgramCodec.decode(bytes, format: format)
                #expect(!program.isEmpty)
            } catch {
                checkLocation(error, in: bytes)
            }
        }
    }

    @Test func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...200)) { bytes in
            Self.decodeEverywhere(bytes)
        }
    }

    /// Valid encodings with bytes overwritten from a small alphabet of
    /// characters that matter to the text grammars, and cut short.
    @Test func damagedEncodings() async {
        let alphabet = Array("0123456789x#[](){},:;- \t\nabjltfM+*&".utf8)
        await propertyCheck(count: 300, input: ProgramGenerators.words, Gen.uint64().array(of: 1...8)) { words, damage in
            let program = ProgramGenerators.validLooking(words)
            for format in ProgramFormat.allCases {
                var bytes = ProgramCodec.encode(program, format: format)
                for seed in damage where !bytes.isEmpty {
                    bytes[Int(seed % UInt64(bytes.count))] = alphabet[Int((seed >> 32) % UInt64(alphabet.count))]
                }
                Self.decodeEverywhere(bytes)
                Self.decodeEverywhere(Array(bytes.prefix(Int(damage[0] % UInt64(bytes.count + 1)))))
            }
        }
    }
}
