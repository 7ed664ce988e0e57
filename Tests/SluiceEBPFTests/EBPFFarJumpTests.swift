import SluiceCompiler
import SluiceEBPF
import SluiceKernel
import SluiceTestSupport
import Testing

/// Jumps beyond a 16-bit offset: `gotol` and islands (`EBPFBranchRelaxation`).
@Suite("Far jumps")
struct EBPFFarJumpTests {
    /// `r9 = marker`: a slot the test can find again after assembly.
    static func marker(_ value: Int32) -> EBPFInstruction { EBPFInstruction(code: 0xb7, dst: 9, imm: value) }
    static func isMarker(_ instruction: EBPFInstruction, _ value: Int32) -> Bool {
        instruction.code == 0xb7 && instruction.dst == 9 && instruction.imm == value
    }
    static func isGoto(_ instruction: EBPFInstruction) -> Bool { instruction.code == 0x05 || instruction.code == 0x06 }

    /// Where the jump at `slot` lands (`gotol` reads `imm`).
    static func landing(_ program: [EBPFInstruction], _ slot: Int) -> Int {
        let instruction = program[slot]
        return slot + 1 + (instruction.code == 0x06 ? Int(instruction.imm) : Int(instruction.offset))
    }

    /// Where the jump at `slot` ends up, following gotos (islands).
    static func destination(_ program: [EBPFInstruction], _ slot: Int) -> Int {
        var at = landing(program, slot)
        var hops = 0
        while program.indices.contains(at), isGoto(program[at]), hops < 4 {
            at = landing(program, at)
            hops += 1
        }
        return at
    }

    @Test("conditional and unconditional jumps over 45,000 slots, both ways, land on their labels")
    func farJumpsLand() throws {
        var asm = EBPFAssembler()
        let far = asm.makeLabel("far"), middle = asm.makeLabel("middle"), done = asm.makeLabel("done")
        let top = asm.makeLabel("top")
        let jumpSpan = SourceSpan(start: 3, end: 9)
        asm.emit(.mov64(.r0, imm: 0))
        asm.source = jumpSpan
        asm.emit(.jmp(.jeq, .r1, imm: 7, far))  // conditional, forward ~90,000
        asm.source = nil
        asm.bind(top)
        asm.emit(Self.marker(1))
        asm.emit([EBPFInstruction](repeating: .alu64(.add, .r0, imm: 1), count: 45_000))
        asm.emit(.ja(done))  // unconditional, forward ~45,000
        asm.bind(middle)
        asm.emit(Self.marker(2))
        asm.emit([EBPFInstruction](repeating: .alu64(.add, .r0, imm: 2), count: 45_000))
        asm.emit(.exit)
        asm.bind(far)
        asm.emit(Self.marker(3))
        asm.emit(.jmp(.jeq, .r1, imm: 7, middle))  // conditional, backward ~45,000
        asm.emit(.jmp(.jeq, .r1, imm: 8, top))  // conditional, backward ~90,000
        asm.emit(.ja(top))  // unconditional, backward ~90,000
        asm.bind(done)
        asm.emit(Self.marker(4))
        asm.emit(.exit)

        let (program, sources) = try asm.assembleAnnotated()
        let slots = program.instructions
        #expect(sources.count == slots.count)
        func slot(ofMarker value: Int32) throws -> Int {
            try #require(slots.firstIndex { Self.isMarker($0, value) })
        }
        let (markTop, markMiddle, markFar, markDone) = try (slot(ofMarker: 1), slot(ofMarker: 2),
                                                             slot(ofMarker: 3), slot(ofMarker: 4))
        #expect(markFar - 1 > 90_000)

        // Slot 1: the forward conditional, through an island carrying its source.
        #expect(slots[1].code == 0x15)
        #expect(Self.destination(slots, 1) == markFar)
        let island = Self.landing(slots, 1)
        #expect(slots[island].code == 0x06, "the island is a gotol")
        #expect(sources[island] == jumpSpan)
        // The forward goto before `middle` became a gotol.
        let forward = markMiddle - 1
        #expect(slots[forward].code == 0x06 && slots[forward].offset == 0)
        #expect(Self.landing(slots, forward) == markDone)
        // After `far`: backward conditionals through islands, then a backward gotol.
        #expect(slots[markFar + 1].code == 0x15 && Self.destination(slots, markFar + 1) == markMiddle)
        let toTop = try #require(slots.indices.first { $0 > markFar + 1 && slots[$0].code == 0x15 })
        #expect(slots[toTop].imm == 8 && Self.destination(slots, toTop) == markTop)
        #expect(slots[markDone - 1].code == 0x06 && Self.landing(slots, markDone - 1) == markTop)

        // Every jump lands inside the program; islands are the only slots added.
        for (index, instruction) in slots.enumerated() where [0x05, 0x06, 0x15].contains(instruction.code) {
            #expect(slots.indices.contains(Self.landing(slots, index)), "slot \(index)")
        }
        // 90,012 slots emitted; 3 islands plus at most one step-over each were added.
        #expect((90_015...90_018).contains(slots.count), "\(slots.count) slots")
        #expect(slots.count { $0.code == 0x06 } >= 4)
        #expect(program.listing.contains { $0.contains("gotol pc+") })
    }

    @Test("a program whose jumps all fit gets no gotol and no island")
    func nearJumpsStayShort() throws {
        var asm = EBPFAssembler()
        let end = asm.makeLabel("end")
        asm.emit(.mov64(.r0, imm: 0))
        asm.emit(.jmp(.jeq, .r1, imm: 7, end))
        asm.emit([EBPFInstruction](repeating: .alu64(.add, .r0, imm: 1), count: 32_766))
        asm.bind(end)
        asm.emit(.exit)
        let slots = try asm.assemble().instructions
        #expect(slots.count == 32_769)
        #expect(slots[1].offset == 32_766)
        #expect(!slots.contains { $0.code == 0x06 })
    }

    /// Ethernet + IPv4 + TCP from `source` to port `port`.
    static func tcpFrame(source: [UInt8], port: UInt16) -> [UInt8] {
        var frame: [UInt8] = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00]
        frame += [0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0] + source + [192, 168, 1, 1]
        frame += [0x30, 0x39, UInt8(port >> 8), UInt8(port & 0xff), 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0]
        return frame
    }

    @Test("a 1,000-term rule list compiles directly, loads as XDP and gives the verdicts its rules say", .timeLimit(.minutes(5)))
    func thousandTermRuleListRuns() throws {
        let filter = try FilterParser.parse(XDPCompileRuleListTests.ruleList(1_000))
        let generated = try XDPCodeGenerator.generateAnnotated(filter)
        #expect(generated.path == .direct)
        #expect(generated.program.instructions.count > 40_000)
        #expect(generated.sources.count == generated.program.instructions.count)
        #expect(generated.program.instructions.contains { $0.code == 0x06 }, "needs gotol")
        guard try KernelAccess.check("loading a 1,000-term XDP program") else { return }
        let program = try loadXDP(generated.program, name: "rules_1000")
        // Term 500 is host 10.2.0.1 and port 1524: matched, so `not` says no.
        #expect(try program.retval(Self.tcpFrame(source: [10, 2, 0, 1], port: 1524)) == XDPAction.drop.rawValue)
        #expect(try program.retval(Self.tcpFrame(source: [10, 3, 249, 1], port: 2023)) == XDPAction.drop.rawValue)
        #expect(try program.retval(Self.tcpFrame(source: [10, 0, 0, 1], port: 1024)) == XDPAction.drop.rawValue)
        // Term 500's host with term 501's port, and a frame no term names: match.
        #expect(try program.retval(Self.tcpFrame(source: [10, 2, 0, 1], port: 1525)) == XDPAction.pass.rawValue)
        #expect(try program.retval(Self.tcpFrame(source: [172, 16, 0, 1], port: 80)) == XDPAction.pass.rawValue)
        // Too short for the TCP ports: rejected before any term, as libpcap does.
        #expect(try program.retval(Array(Self.tcpFrame(source: [10, 2, 0, 1], port: 1524).prefix(36))) == XDPAction.drop.rawValue)
    }
}
