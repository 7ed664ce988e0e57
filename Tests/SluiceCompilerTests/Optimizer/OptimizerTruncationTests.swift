import SluiceBytecode
import SluiceCompiler
import Testing

/// Filter-shaped random programs (chains of `ld [k]; and #m; jeq #v` tests
/// of nearby fields, with `ret #0` and nonzero returns) on packets cut at
/// every length: dropping, adding or widening a load (dead-code
/// elimination, test fusion) must change no result on a short packet.
@Suite struct OptimizerTruncationTests {
    /// A program of `count` field tests; each test's targets are later
    /// tests or one of the two returns.
    static func program(_ random: inout SeededGenerator, count: Int) -> Program {
        var instructions: [Instruction] = []
        var testStarts: [Int] = []
        var values: [UInt32] = []
        var pending: [(index: Int, whenTrue: Int, whenFalse: Int)] = []  // targets as test numbers; -1 accept, -2 reject
        for test in 0..<count {
            testStarts.append(instructions.count)
            let size = [LoadSize.byte, .half, .word].randomElement(using: &random) ?? .byte
            let offset = UInt32.random(in: 10...24, using: &random)
            instructions.append(.load(size, absolute: offset))
            let width = UInt32(size.byteCount * 8)
            let fieldMask: UInt32 = width == 32 ? .max : (1 << width) - 1
            var mask = fieldMask
            if Bool.random(using: &random) {
                mask = [0x7, 0xff07, 0xf0, 0x7ffff00, 0xff, 0xffff_0000].randomElement(using: &random) ?? 0xff
                instructions.append(.alu(.and, mask))
            }
            let value = (UInt32(truncatingIfNeeded: random.next()) & [0x0707_0707, 0x0101_0101, 0].randomElement(using: &random)!) & mask & fieldMask
            values.append(value)
            func target() -> Int {
                let later = test + 1 < count ? Int.random(in: (test + 1)..<count, using: &random) : -2
                switch Int.random(in: 0..<4, using: &random) {
                case 0: return -1
                case 1: return -2
                default: return later
                }
            }
            let next = test + 1 < count ? test + 1 : -1
            let (t, f) = Bool.random(using: &random) ? (next, target()) : (target(), next)
            pending.append((instructions.count, t, f))
            instructions.append(.jump(.jeq, value, true: 0, false: 0))
        }
        let accept = instructions.count, reject = accept + 1
        instructions += [.return(0x40000), .return(0)]
        for (index, t, f) in pending {
            func position(_ target: Int) -> Int { target == -1 ? accept : target == -2 ? reject : testStarts[target] }
            instructions[index].jt = UInt8(position(t) - index - 1)
            instructions[index].jf = UInt8(position(f) - index - 1)
        }
        return Program(instructions)
    }

    @Test(arguments: 0..<4)
    func filterShapedProgramsAgreeOnEveryLength(chunk: Int) {
        var random = SeededGenerator(state: 0xF05E + UInt64(chunk))
        var packets: [CaptureSample.Packet] = []
        for _ in 0..<24 {
            let full = (0..<28).map { _ in
                Bool.random(using: &random) ? UInt8([0, 1, 2, 6, 7].randomElement(using: &random) ?? 0) : UInt8.random(in: 0...255, using: &random)
            }
            for length in 0...full.count { packets.append(CaptureSample.Packet(data: Array(full.prefix(length)), wireLength: full.count)) }
        }
        for _ in 0..<150 {
            let program = Self.program(&random, count: Int.random(in: 2...8, using: &random))
            for passes: OptimizerPasses in [.all, [.testFusion], [.deadCode], [.testFusion, .deadCode, .blockMerging]] {
                let optimized = Optimizer.optimize(program, passes: passes)
                #expect(optimized.count <= program.count)
                if let problem = ProgramEquivalence.problem(program, optimized, packets: packets) {
                    Issue.record("passes \(passes.rawValue): \(problem)")
                    return
                }
            }
        }
    }
}
