import Testing
@testable import SluiceBytecode

/// The assembler's syntax, its printer, and its errors.
@Suite struct AssemblerTests {
    /// The first example of docs/assembler.md.
    static let tcpPort80 = """
        ; IPv4 TCP packets to port 80: accept the whole packet
                ldh   [12]                 ; EtherType
                jne   #0x800, drop         ; not IPv4
                ldb   [23]                 ; IP protocol
                jne   #6, drop
                ldh   [20]                 # fragment offset
                jset  #0x1fff, drop
                ldx   4*([14]&0xf)         ; IP header length
                ldh   [x + 16]             ; TCP destination port
                jeq   #80, accept, drop
        accept: ret   #65535
        drop:   ret   #0
        """

    @Test func assemblesTheDocumentedExample() throws {
        let program = try Assembler.assemble(Self.tcpPort80)
        let expected: Program = [
            .load(.half, absolute: 12),
            .jump(.jeq, 0x800, true: 0, false: 8),
            .load(.byte, absolute: 23),
            .jump(.jeq, 6, true: 0, false: 6),
            .load(.half, absolute: 20),
            .jump(.jset, 0x1fff, true: 4, false: 0),
            .loadXHeaderLength(14),
            .load(.half, indirect: 16),
            .jump(.jeq, 80, true: 0, false: 1),
            .return(65535),
            .return(0),
        ]
        #expect(program == expected)
    }

    @Test func acceptsEverySpelling() throws {
        let source = """
        start:  ld #len
                ld #pktlen
                ldx #len
                ld M[3]
                ldx m[15]
                st M[0]
                stx M[1]
                ld #proto            ; SKF_AD_PROTOCOL
                ld vlan_tci
                ldh [vlan_tci]
                ldb [vlanp]
                ld [ifidx]
                ldxb 4 * ( [14] & 0xF )
                ld [x]
                ldb [x+-1]
                ld #-1
                ldx #0xFFFFFFFF
                add #4294967295
                sub x
                neg
                tax
                txa
                jmp next
        next:   jgt x, a, b
        a:      jlt #10, b
        b:      jle #10, c, c
        c:      jset #1, d, d
        d: e:   .insn 0x15, 1, 2, 0x800
                JA end
                RET A
                ret
        end:
        """
        let program = try Assembler.assemble(source)
        let expected: Program = [
            .loadLength, .loadLength, .loadXLength, .loadScratch(3), .loadXScratch(15), .store(0), .storeX(1),
            .load(.networkProtocol), .load(.vlanTag),
            .load(.half, absolute: Ancillary.vlanTag.offset), .load(.byte, absolute: Ancillary.vlanTagPresent.offset),
            .load(.interfaceIndex), .loadXHeaderLength(14), .load(.word, indirect: 0), .load(.byte, indirect: 0xffff_ffff),
            .loadImmediate(0xffff_ffff), .loadXImmediate(0xffff_ffff), .alu(.add, 0xffff_ffff), .aluX(.sub),
            .negate, .tax, .txa,
            .jump(0),
            .jumpX(.jgt, true: 0, false: 1),
            .jump(.jge, 10, true: 0, false: 0),      // jlt #10, b: true -> b (next), false -> next
            .jump(.jgt, 10, true: 0, false: 0),      // jle #10, c, c
            .jump(.jset, 1, true: 0, false: 0),
            Instruction(code: 0x15, jt: 1, jf: 2, k: 0x800),
            .jump(2),
            .returnA, .returnA,
        ]
        #expect(program == expected)
    }

    @Test func negatedJumpsSwapTargets() throws {
        let program = try Assembler.assemble("jne #1, a, b\nret #1\na: ret #2\nb: ret #3\n")
        #expect(program[0] == .jump(.jeq, 1, true: 2, false: 1))
    }

    @Test func printsLabelsForJumpTargets() {
        let program: Program = [
            .load(.half, absolute: 12),
            .jump(.jeq, 0x800, true: 0, false: 2),
            .load(.networkProtocol),
            .jump(1),
            .loadLength,
            Instruction(code: 0x07, k: 5),
            .returnA,
        ]
        let text = AssemblyPrinter.text(program)
        #expect(text == """
                ldh   [12]
                jeq   #0x800, L2, L4
            L2:
                ld    [proto]
                ja    L5
            L4:
                ld    #len
            L5:
                .insn 0x7, 0, 0, 0x5
                ret   a

            """)
    }

    @Test func printsJumpsPastTheEndRaw() throws {
        let program: Program = [.jump(.jeq, 1, true: 0, false: 1), .jump(.jeq, 1, true: 200, false: 0), .jump(9)]
        let text = AssemblyPrinter.text(program)
        #expect(text == "    jeq   #0x1, L1, L2\nL1:\n    .insn 0x15, 200, 0, 0x1\nL2:\n    .insn 0x5, 0, 0, 0x9\n")
        #expect(try Assembler.assemble(text) == program)
    }

    @Test func jumpToTheEndLabel() throws {
        let program = try Assembler.assemble("jeq #1, out\nret #0\nout:\n")
        #expect(program == [.jump(.jeq, 1, true: 1, false: 0), .return(0)])
        #expect(AssemblyPrinter.text(program).hasSuffix("L2:\n"))
    }

    /// Each error says where (line:column) and what.
    @Test(arguments: [
        ("ldh [12]\nfoo #1\n", 2, 1, DecodingError.Reason.unknownMnemonic("foo")),
        ("ldh [12]\n  ret x\n", 2, 7, .badOperand(mnemonic: "ret", operand: "x")),
        ("ld M[1]\nst #3\n", 2, 4, .badOperand(mnemonic: "st", operand: "#3")),
        ("jeq #1, yes, no\nyes: ret #1\n", 1, 14, .undefinedLabel("no")),
        ("a: ret #1\n a: ret #0\n", 2, 2, .duplicateLabel("a", firstLine: 1)),
        ("top: ld #1\nja top\n", 2, 4, .backwardJump(target: "top")),
        ("self: jeq #1, self\nret #0\n", 1, 15, .backwardJump(target: "self")),
        ("ldh [12]\nldb [x + ]\n", 2, 10, .expected("an offset", found: "']'")),
        ("ret #4294967296\n", 1, 6, .numberOutOfRange("4294967296", field: "32 bits")),
        ("ld [nosuch]\n", 1, 5, .expected("an offset or ancillary name", found: "'nosuch'")),
        ("jeq #1 done\ndone: ret #0\n", 1, 8, .expected("','", found: "'done'")),
        ("ret #1 #2\n", 1, 8, .expected("end of line", found: "'#'")),
        (".insn 0x15, 256, 0, 0\n", 1, 13, .numberOutOfRange("256", field: "jt (8 bits)")),
        ("; only a comment\n\n", 2, 1, .empty),
    ])
    func reportsErrorsWithLineAndColumn(source: String, line: Int, column: Int, reason: DecodingError.Reason) {
        #expect(throws: DecodingError(format: .assembly, location: .text(line: line, column: column), reason: reason)) {
            try Assembler.assemble(source)
        }
    }

    @Test func jumpTooFarForEightBits() {
        let filler = String(repeating: "ld #1\n", count: 256)
        let error = #expect(throws: DecodingError.self) {
            try Assembler.assemble("jeq #1, far\n" + filler + "far: ret #0\n")
        }
        #expect(error?.reason == .jumpTooFar(target: "far", offset: 256))
        #expect(error?.line == 1)
        #expect(error?.column == 9)
        #expect(error?.description == "assembly, line 1, column 9: jump to 'far' skips 256 instructions; jt/jf hold at most 255")
        // 255 is fine, and ja has 32 bits.
        #expect(throws: Never.self) { try Assembler.assemble("jeq #1, far\n" + filler.dropFirst(6) + "far: ret #0\n") }
        #expect(throws: Never.self) { try Assembler.assemble("ja far\n" + filler + "far: ret #0\n") }
    }

    @Test func hashStartsACommentOnlyBeforeABlank() throws {
        #expect(try Assembler.assemble("# heading\nret #0 # trailing\n#another\n") == [.return(0)])
    }
}
