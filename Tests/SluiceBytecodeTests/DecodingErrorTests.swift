import Testing
@testable import SluiceBytecode

/// Bad input to every decoder: a typed error saying where and what, never a crash.
@Suite struct DecodingErrorTests {
    static func error(_ text: String, _ format: ProgramFormat) -> DecodingError? {
        #expect(throws: DecodingError.self) { try ProgramCodec.decode(Array(text.utf8), format: format) }
    }

    @Test func binaryEmpty() {
        #expect(throws: DecodingError(format: .binary, location: .byteOffset(0), reason: .empty)) {
            try ProgramCodec.decode([], format: .binary)
        }
    }

    @Test func binaryTruncatedRecordNamesItsOffset() {
        let bytes = ProgramCodec.encode([.return(1), .return(2)], format: .binary) + [0x06, 0x00, 0x00]
        #expect(throws: DecodingError(format: .binary, location: .byteOffset(16), reason: .truncatedRecord(length: 3))) {
            try ProgramCodec.decode(bytes, format: .binary)
        }
        let error = try? ProgramCodec.decode(Array(bytes.prefix(5)), format: .binary)
        #expect(error == nil)
        #expect(DecodingError(format: .binary, location: .byteOffset(16), reason: .truncatedRecord(length: 3)).description
                == "binary sock_filter, byte offset 16: trailing partial instruction of 3 bytes (records are 8 bytes)")
    }

    @Test func binaryAbsurdSizeIsRefused() {
        let bytes = [UInt8](repeating: 0, count: (ProgramCodec.maximumInstructions + 1) * 8)
        let limit = ProgramCodec.maximumInstructions
        #expect(throws: DecodingError(format: .binary, location: .byteOffset(limit * 8), reason: .tooManyInstructions(limit: limit))) {
            try ProgramCodec.decode(bytes, format: .binary)
        }
    }

    @Test func messagesReadWell() {
        let at = DecodingError.Location.text(line: 1, column: 10)
        #expect(DecodingError(format: .tcpdumpD, location: at, reason: .badOperand(mnemonic: "ldh", operand: "")).description
                == "-d text, line 1, column 10: 'ldh' needs an operand")
        #expect(DecodingError(format: .assembly, location: at, reason: .unknownMnemonic("frob")).description
                == "assembly, line 1, column 10: unknown mnemonic 'frob'")
    }

    @Test func binaryKeepsByteOrder() throws {
        let program = try ProgramCodec.decode([0x15, 0x00, 0x01, 0x02, 0x00, 0x08, 0x00, 0x00], format: .binary)
        #expect(program == [.jump(.jeq, 0x800, true: 1, false: 2)])
    }

    @Test(arguments: [
        ("(000) ldh [12]\n(001) frob #1\n", 2, 7, DecodingError.Reason.unknownMnemonic("frob")),
        ("(000) ldh [12]\n(002) ret #0\n", 2, 2, .indexMismatch(expected: 1, found: 2)),
        ("(000) ldh\n", 1, 10, .badOperand(mnemonic: "ldh", operand: "")),
        ("(000) ldh [12\n", 1, 14, .expected("']'", found: "end of line")),
        ("(000) ld #pktlen\n(001) jeq #0x800 jt 1\tjf 3\n", 2, 21, .backwardJump(target: "1")),
        ("(000) jeq #0x800 jt 257\tjf 1\n", 1, 21, .jumpTooFar(target: "257", offset: 256)),
        ("(000) jeq #0x800 jf 1 jt 2\n", 1, 18, .expected("'jt'", found: "'jf'")),
        ("ldh [12]\n", 1, 1, .expected("'('", found: "'ldh'")),
        ("(000) ret #0 extra\n", 1, 14, .expected("end of line", found: "'extra'")),
        ("(000) unimp 0x10000\n", 1, 13, .numberOutOfRange("0x10000", field: "an opcode")),
        ("\n  \n", 2, 1, .empty),
    ])
    func imageErrors(text: String, line: Int, column: Int, reason: DecodingError.Reason) {
        #expect(throws: DecodingError(format: .tcpdumpD, location: .text(line: line, column: column), reason: reason)) {
            try ProgramCodec.decode(Array(text.utf8), format: .tcpdumpD)
        }
    }

    @Test func imageReadsLibpcapQuirks() throws {
        let text = """
            (000) ld       [-4095]
            (001) ja       -1
            (002) unimp    0x55             jt 3\tjf 258
            (003) ldb      [x + -1]
            (004) ret      #-2147483648
            (005) ret      
            """
        let program = try ProgramCodec.decode(Array(text.utf8), format: .tcpdumpD)
        #expect(program == [
            .load(.word, absolute: 0xffff_f001), .jump(0xffff_fffd), Instruction(code: 0x55, jt: 0, jf: 255),
            .load(.byte, indirect: 0xffff_ffff), .return(0x8000_0000), .returnA,
        ])
        #expect(TcpdumpImage.text(program) == text + "\n")
    }

    @Test(arguments: [
        ("{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 256, 0x800 },\n", 2, 12, DecodingError.Reason.numberOutOfRange("256", field: "jf (8 bits)")),
        ("{ 0x28, 0, 0 },\n", 1, 14, .expected("','", found: "'}'")),
        ("{ 0x28, 0, 0, 12 }, junk\n", 1, 21, .expected("end of line", found: "'junk'")),
        ("0x28, 0, 0, 12\n", 1, 1, .expected("'{'", found: "'0x28'")),
        ("{ 0x1ffff, 0, 0, 12 }\n", 1, 3, .numberOutOfRange("0x1ffff", field: "an opcode (16 bits)")),
        ("{ 0x28, 0, 0, 0x100000000 }\n", 1, 15, .numberOutOfRange("0x100000000", field: "k (32 bits)")),
        ("{ 0x28, -1, 0, 12 }\n", 1, 9, .numberOutOfRange("-1", field: "jt (8 bits)")),
    ])
    func dumpErrors(text: String, line: Int, column: Int, reason: DecodingError.Reason) {
        #expect(throws: DecodingError(format: .tcpdumpDD, location: .text(line: line, column: column), reason: reason)) {
            try ProgramCodec.decode(Array(text.utf8), format: .tcpdumpDD)
        }
    }

    @Test(arguments: [
        ("3\n40 0 0 12\n6 0 0 0\n", 1, 1, DecodingError.Reason.countMismatch(declared: 3, found: 2)),
        ("1\n40 0 0 12\n6 0 0 0\n", 3, 1, .countMismatch(declared: 1, found: 2)),
        ("2\n40 0 0 12\n6 0 0\n", 3, 6, .expected("k (32 bits)", found: "end of line")),
        ("2\n40 0 0 12\n6 0 x 0\n", 3, 5, .expected("jf (8 bits)", found: "'x'")),
        ("two\n", 1, 1, .expected("an instruction count", found: "'two'")),
        ("99999999\n", 1, 1, .tooManyInstructions(limit: ProgramCodec.maximumInstructions)),
        ("0\n", 1, 1, .empty),
        ("", 1, 1, .empty),
    ])
    func dumpDecimalErrors(text: String, line: Int, column: Int, reason: DecodingError.Reason) {
        #expect(throws: DecodingError(format: .tcpdumpDDD, location: .text(line: line, column: column), reason: reason)) {
            try ProgramCodec.decode(Array(text.utf8), format: .tcpdumpDDD)
        }
    }

    @Test func dumpReadingToleratesWhitespace() throws {
        let expected: Program = [.load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 1), .return(0)]
        let dd = "\r\n  {0x28,0,0,0x0000000c}\r\n\t{ 0x15 , 0 , 1 , 2048 },\n\n{ 6, 0, 0, 0x0 },"
        #expect(try ProgramCodec.decode(Array(dd.utf8), format: .tcpdumpDD) == expected)
        let ddd = "\n 3 \r\n40   0 0 12\n\t21 0 1 0x800\n6 0 0 0"
        #expect(try ProgramCodec.decode(Array(ddd.utf8), format: .tcpdumpDDD) == expected)
    }

    @Test func fourThousandNinetySevenLinesDecode() throws {
        let lines = (0...Program.maximumLength).map { "(\(TcpdumpImage.zeroPadded($0, width: 3))) ret      #0" }
        let program = try ProgramCodec.decode(Array(lines.joined(separator: "\n").utf8), format: .tcpdumpD)
        #expect(program.count == 4097)
    }

    @Test(arguments: [
        ([UInt8](), ProgramFormat.binary),
        ([0x06, 0, 0, 0, 0, 0, 0, 0], .binary),
        (Array("(000) ret      #0\n".utf8), .tcpdumpD),
        (Array("  { 0x6, 0, 0, 0x00000000 },\n".utf8), .tcpdumpDD),
        (Array("1\n6 0 0 0\n".utf8), .tcpdumpDDD),
        (Array("6 0 0 0\n".utf8), .tcpdumpDDD),
        (Array("; ret\n\nret #0\n".utf8), .assembly),
        (Array("# 2 lines\nstart: ret #0\n".utf8), .assembly),
        (Array("ret #0\n".utf8), .assembly),
        (Array("ld\u{7f}".utf8), .binary),
        ([0x72, 0x65, 0x74, 0xff], .binary),
    ])
    func detectsFormats(bytes: [UInt8], format: ProgramFormat) {
        #expect(ProgramFormat.detect(bytes) == format)
    }

    @Test func formatNames() {
        #expect(ProgramFormat.allCases.map(\.shortName) == ["bin", "d", "dd", "ddd", "asm"])
        #expect(ProgramFormat(shortName: "ddd") == .tcpdumpDDD)
        #expect(ProgramFormat(shortName: "auto") == nil)
    }
}
