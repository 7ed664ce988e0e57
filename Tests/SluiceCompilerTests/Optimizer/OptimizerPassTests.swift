import SluiceBytecode
import SluiceCompiler
import Testing

/// Each pass alone on small hand-made programs: the exact program it
/// should give, and the same results as the original on a set of packets.
@Suite struct OptimizerPassTests {
    /// Ethernet-like packets: EtherType 0x0800, 0x0806, 0x86dd, others, and
    /// lengths from empty to a full IPv4 header, plus random ones.
    static let packets: [CaptureSample.Packet] = {
        var packets: [CaptureSample.Packet] = []
        for etherType: [UInt8] in [[0x08, 0x00], [0x08, 0x06], [0x86, 0xdd], [0x81, 0x00], [0, 0]] {
            let frame = [UInt8](repeating: 0xaa, count: 12) + etherType + [0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6]
                + [UInt8](repeating: 1, count: 20)
            for length in [0, 13, 14, 15, 20, 24, frame.count] {
                packets.append(CaptureSample.Packet(data: Array(frame.prefix(length)), wireLength: frame.count))
            }
        }
        var random = SeededGenerator(state: 7)
        packets += (0..<64).map { _ in RandomPrograms.packet(&random) }
        return packets
    }()

    /// Optimizes with the given passes, checks equivalence and size, and
    /// returns the result.
    func optimized(_ program: Program, _ passes: OptimizerPasses,
                   sourceLocation: SourceLocation = #_sourceLocation) -> Program {
        let result = Optimizer.optimize(program, passes: passes)
        #expect(result.count <= program.count, sourceLocation: sourceLocation)
        let problem = ProgramEquivalence.problem(program, result, packets: Self.packets)
        #expect(problem == nil, "\(problem ?? "")", sourceLocation: sourceLocation)
        return result
    }

    @Test func constantFoldingComputesKnownValues() {
        let program: Program = [.loadImmediate(2), .alu(.add, 3), .tax, .txa, .aluX(.mul), .returnA]
        #expect(optimized(program, .constantFolding).instructions
                == [.loadImmediate(2), .loadImmediate(5), .loadXImmediate(5), .loadImmediate(5), .loadImmediate(25), .return(25)])
        #expect(optimized(program, [.constantFolding, .deadCode]).instructions == [.return(25)])
    }

    @Test func constantFoldingTurnsKnownXIntoConstants() {
        // ld [x + 14] with X = 9 reads [23]; jeq x with X = 6 tests #6.
        let program: Program = [.loadXImmediate(9), .load(.byte, indirect: 14), .loadXImmediate(6),
                                .jumpX(.jeq, true: 0, false: 1), .return(1), .return(0)]
        #expect(optimized(program, [.constantFolding, .deadCode]).instructions
                == [.load(.byte, absolute: 23), .jump(.jeq, 6, true: 0, false: 1), .return(1), .return(0)])
    }

    @Test func constantFoldingKeepsDivisionByAZeroX() {
        // X is 0, so `div x` ends the program with 0: it must stay a run-time division.
        let program: Program = [.loadImmediate(7), .aluX(.div), .returnA]
        let result = optimized(program, .all)
        #expect(result.instructions.contains(.aluX(.div)))
    }

    @Test func redundantLoadsAreDropped() {
        let program: Program = [.load(.half, absolute: 12), .store(0), .jump(.jeq, 0x800, true: 0, false: 3),
                                .load(.half, absolute: 12), .loadScratch(0), .returnA, .return(0)]
        #expect(optimized(program, .redundantLoads).instructions
                == [.load(.half, absolute: 12), .store(0), .jump(.jeq, 0x800, true: 0, false: 1), .returnA, .return(0)])
    }

    @Test func redundantTestsAreDecided() {
        // After `jeq #0x800` is true, the same test is true and `jeq #0x86dd` false.
        let program: Program = [
            .load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 4),
            .load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 2),
            .jump(.jeq, 0x86dd, true: 1, false: 0), .return(1), .return(0),
        ]
        let result = optimized(program, [.redundantLoads, .redundantTests])
        let tests = result.instructions.filter { $0.instructionClass == .jmp && $0.jumpOperation != .ja }
        #expect(tests == [.jump(.jeq, 0x800, true: 0, false: 1)])
        #expect(result.count == 4)
    }

    @Test func rangeTestsImplyLaterOnes() {
        // After `jgt #100` is false, `jgt #200` is false and `jge #101` is false.
        let program: Program = [
            .load(.byte, absolute: 0), .jump(.jgt, 100, true: 3, false: 0),
            .jump(.jgt, 200, true: 2, false: 0), .jump(.jge, 101, true: 1, false: 0),
            .return(1), .return(0),
        ]
        let result = optimized(program, [.redundantTests, .blockMerging])
        #expect(result.instructions == [.load(.byte, absolute: 0), .jump(.jgt, 100, true: 1, false: 0), .return(1), .return(0)])
    }

    @Test func jumpThreadingSkipsDecidedBlocks() {
        // (ether type 0x800 or 0x806) and ether type 0x800: the second test
        // is decided on both incoming edges, so both edges skip it.
        let program: Program = [
            .load(.half, absolute: 12), .jump(.jeq, 0x800, true: 1, false: 0),
            .jump(.jeq, 0x806, true: 0, false: 3),
            .load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 1),
            .return(1), .return(0),
        ]
        let threaded = optimized(program, [.redundantTests, .jumpThreading])
        #expect(!threaded.instructions.contains(.jump(.jeq, 0x800, true: 0, false: 1)) || threaded.count < program.count)
        #expect(threaded.instructions.filter { $0 == .load(.half, absolute: 12) }.count == 1)
        #expect(optimized(program, .all).instructions
                == [.load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 1), .return(1), .return(0)])
    }

    @Test func deadCodeKeepsLoadsThatMayFail() {
        // ldh [12] may fail on a short packet (the program then returns 0):
        // it stays although its value is dead. ldb [13] lies inside it: it goes.
        let program: Program = [.loadImmediate(1), .store(3), .loadXImmediate(2), .load(.half, absolute: 12),
                                .load(.byte, absolute: 13), .loadImmediate(5), .return(7)]
        #expect(optimized(program, .deadCode).instructions == [.load(.half, absolute: 12), .return(7)])
    }

    @Test func deadCodeDropsLoadsALaterLoadCovers() {
        // Every packet ldh [12] stops, ldb [20] stops too: ldh [12] goes.
        let covered: Program = [.load(.half, absolute: 12), .load(.byte, absolute: 13), .load(.byte, absolute: 20), .return(7)]
        #expect(optimized(covered, .deadCode).instructions == [.load(.byte, absolute: 20), .return(7)])
        // A load that can only lead to `ret #0` changes nothing.
        let rejecting: Program = [.load(.word, absolute: 30), .return(0)]
        #expect(optimized(rejecting, .deadCode).instructions == [.return(0)])
        // Here a short packet can still reach `ret #7` without ld [20]: both stay.
        let branching: Program = [.load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 2),
                                  .load(.byte, absolute: 20), .return(7), .return(7)]
        #expect(optimized(branching, .deadCode).instructions == branching.instructions)
    }

    @Test func nearbyFieldTestsFuse() {
        // ldb [16] & 7 == 2, then ldh [17] == 0xfcca, both failing to ret #0:
        // one test of the word at 15 (it reaches no further than ldh [17]).
        let program: Program = [.load(.byte, absolute: 16), .alu(.and, 7), .jump(.jeq, 2, true: 0, false: 3),
                                .load(.half, absolute: 17), .jump(.jeq, 0xfcca, true: 0, false: 1),
                                .return(9), .return(0)]
        #expect(optimized(program, .testFusion).instructions
                == [.load(.word, absolute: 15), .alu(.and, 0x7_ffff), .jump(.jeq, 0x2_fcca, true: 0, false: 1),
                    .return(9), .return(0)])
        // If the first test fails, a short packet may still match further on:
        // the wider load would stop it, so nothing is fused.
        let open: Program = [.load(.byte, absolute: 16), .alu(.and, 7), .jump(.jeq, 2, true: 0, false: 3),
                             .load(.half, absolute: 17), .jump(.jeq, 0xfcca, true: 0, false: 1),
                             .return(9), .return(5)]
        #expect(optimized(open, .testFusion).instructions == open.instructions)
    }

    @Test func deadCodeKeepsDivisionByX() {
        let program: Program = [.loadXLength, .loadImmediate(4), .aluX(.div), .loadImmediate(1), .returnA]
        #expect(optimized(program, .deadCode).instructions == program.instructions)
    }

    @Test func identicalBlocksMerge() {
        let program: Program = [
            .load(.half, absolute: 12), .jump(.jeq, 0x800, true: 0, false: 1), .return(0),
            .jump(.jeq, 0x806, true: 0, false: 1), .return(1), .return(0),
        ]
        #expect(optimized(program, .blockMerging).instructions == [
            .load(.half, absolute: 12), .jump(.jeq, 0x800, true: 2, false: 0),
            .jump(.jeq, 0x806, true: 0, false: 1), .return(1), .return(0),
        ])
    }

    @Test func jumpsToJumpsAndReturnsGo() {
        // The branch's true edge goes through a `ja` to a `ret`: the `ja` goes.
        let program: Program = [.load(.byte, absolute: 0), .jump(.jeq, 1, true: 0, false: 1), .jump(2),
                                .loadImmediate(5), .returnA, .return(9)]
        #expect(optimized(program, .blockMerging).instructions
                == [.load(.byte, absolute: 0), .jump(.jeq, 1, true: 2, false: 0), .loadImmediate(5), .returnA, .return(9)])
        // A `ja` to a bare return becomes the return.
        let viaJump: Program = [.load(.byte, absolute: 0), .jump(1), .return(3), .return(4)]
        #expect(optimized(viaJump, .blockMerging).instructions == [.load(.byte, absolute: 0), .return(4)])
    }

    @Test func farBranchesGoThroughTrampolines() {
        // The jump threads straight to a block 300 instructions ahead: the
        // branch reaches it through a `ja` placed right after it. (Additions
        // and xors alternate: consecutive additions would fold into one.)
        let adds = (1...300).map { Instruction.alu($0 % 2 == 0 ? .add : .xor, UInt32($0)) }
        let program = Program([.load(.byte, absolute: 0), .jump(.jeq, 1, true: 0, false: 1), .jump(UInt32(adds.count + 1))]
                              + adds + [.returnA, .load(.byte, absolute: 1), .returnA])
        let result = optimized(program, .all)
        #expect(result.instructions[1] == .jump(.jeq, 1, true: 0, false: 1))
        #expect(result.instructions[2] == .jump(301))
    }

    @Test func unmodelledProgramsComeBackUnchanged() {
        let outOfRange: Program = [.jump(.jeq, 1, true: 5, false: 0), .return(0)]
        let fallsOff: Program = [.loadImmediate(1)]
        let badOpcode: Program = [Instruction(code: 0xff), .return(0)]
        for program in [outOfRange, fallsOff, badOpcode, Program([])] {
            #expect(Optimizer.optimize(program) == program)
        }
    }
}
