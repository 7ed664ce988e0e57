import SluiceBytecode
import SluiceTestSupport
import SluiceVerifier
import Testing

/// One hand-written program per situation, with the rule (and instruction)
/// the verifier must name, or none when it must accept.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var program: Program
    var rule: VerifierRule?
    var index: Int?
    var testDescription: String { name }

    static func accept(_ name: String, _ instructions: [Instruction]) -> RuleCase {
        RuleCase(name: name, program: Program(instructions), rule: nil, index: nil)
    }
    static func reject(_ name: String, _ rule: VerifierRule, at index: Int?, _ instructions: [Instruction]) -> RuleCase {
        RuleCase(name: name, program: Program(instructions), rule: rule, index: index)
    }
}

let ruleCases: [RuleCase] = [
    .reject("empty", .emptyProgram, at: nil, []),
    .reject("4097 returns", .programTooLong, at: nil, Array(repeating: .return(0), count: 4097)),
    .accept("4096 returns", Array(repeating: .return(0), count: 4096)),
    .reject("ldx [k] (LDX|W|ABS)", .invalidOpcode, at: 0, [Instruction(code: 0x21), .return(0)]),
    .reject("ret x", .invalidOpcode, at: 0, [Instruction(code: 0x0e)]),
    .reject("ldh #k", .invalidOpcode, at: 0, [Instruction(code: 0x08), .return(0)]),
    .reject("high byte set", .invalidOpcode, at: 0, [Instruction(code: 0x106), .return(0)]),
    .reject("ja x", .invalidOpcode, at: 0, [Instruction(code: 0x0d), .return(0)]),
    .reject("neg x", .invalidOpcode, at: 0, [Instruction(code: 0x8c), .return(0)]),
    .reject("div #0", .divisionByZero, at: 1, [.loadImmediate(1), .alu(.div, 0), .returnA]),
    .reject("mod #0", .divisionByZero, at: 0, [.alu(.mod, 0), .returnA]),
    .accept("div x (X may be 0 at run time)", [.aluX(.div), .returnA]),
    .reject("lsh #32", .shiftOutOfRange, at: 0, [.alu(.lsh, 32), .returnA]),
    .reject("rsh #0xffffffff", .shiftOutOfRange, at: 0, [.alu(.rsh, 0xffff_ffff), .returnA]),
    .accept("rsh #31", [.alu(.rsh, 31), .returnA]),
    .accept("add #0xffffffff", [.alu(.add, 0xffff_ffff), .returnA]),
    .reject("st M[16]", .scratchIndexOutOfRange, at: 0, [.store(16), .return(0)]),
    .reject("ldx M[99]", .scratchIndexOutOfRange, at: 0, [.loadXScratch(99), .return(0)]),
    .reject("ja past the end", .jumpOutOfRange, at: 0, [.jump(1), .return(0)]),
    .reject("ja as last instruction", .jumpOutOfRange, at: 1, [.return(0), .jump(0)]),
    .reject("jeq jf past the end", .jumpOutOfRange, at: 0, [.jump(.jeq, 1, true: 0, false: 1), .return(0)]),
    .accept("jeq to the last instruction", [.jump(.jeq, 1, true: 1, false: 0), .return(1), .return(0)]),
    .reject("SKF_AD_OFF+64 (SKF_AD_MAX)", .unknownAncillary, at: 0, [.load(.word, absolute: Ancillary.base + 64), .returnA]),
    .reject("SKF_AD_OFF+2 (unaligned)", .unknownAncillary, at: 0, [.load(.half, absolute: Ancillary.base + 2), .returnA]),
    .reject("ld [-1]", .unknownAncillary, at: 0, [.load(.byte, absolute: 0xffff_ffff), .returnA]),
    .accept("ldb #proto (any width)", [.load(.byte, absolute: Ancillary.networkProtocol.offset), .returnA]),
    .accept("ld [SKF_NET_OFF + 9]", [.load(.byte, absolute: Ancillary.networkBase + 9), .returnA]),
    .accept("ld [SKF_LL_OFF]", [.load(.word, absolute: Ancillary.linkLayerBase), .returnA]),
    .accept("ld [SKF_AD_OFF - 1] (below the ancillary range)", [.load(.word, absolute: Ancillary.base - 1), .returnA]),
    .accept("ld [x + 0xfffff040] (IND loads are not checked)", [.load(.word, indirect: 0xffff_f040), .returnA]),
    .reject("no final return", .missingReturn, at: 0, [.loadImmediate(1)]),
    .reject("ld M[0] never written", .scratchReadBeforeWrite, at: 0, [.loadScratch(0), .returnA]),
    .reject("store on one branch only", .scratchReadBeforeWrite, at: 3,
            [.jump(.jeq, 0, true: 0, false: 1), .store(2), .loadImmediate(0), .loadXScratch(2), .returnA]),
    .accept("store on both branches", [.jump(.jeq, 0, true: 0, false: 2), .store(2), .jump(1), .storeX(2), .loadScratch(2), .returnA]),
    .accept("state is not reset after ret (as in Linux)", [.store(0), .return(0), .loadScratch(0), .returnA]),
    .reject("after ret, the fall-through state is kept", .scratchReadBeforeWrite, at: 1, [.return(0), .loadScratch(0), .returnA]),
    .accept("unreachable after ja: everything counts as written", [.jump(1), .loadScratch(5), .returnA]),
    .reject("jump over 4094 ldxb 4*([0]&0xf)", .jumpTooFarAfterTranslation, at: 0,
            [.jump(4094)] + Array(repeating: .loadXHeaderLength(0), count: 4094) + [.return(1)]),
    .reject("a jump placed past eBPF instruction 32767", .jumpTooFarAfterTranslation, at: 3000,
            Array(repeating: .load(.word, absolute: 40000), count: 3000) + [.jump(.jeq, 1, true: 0, false: 0), .return(1)]),
    .accept("the same jump before eBPF instruction 32767", Array(repeating: .load(.word, absolute: 40000), count: 2000)
            + [.jump(.jeq, 1, true: 0, false: 0), .return(1)]),
]

@Suite struct VerifierRuleTests {
    @Test(arguments: ruleCases) func verdictAndRule(_ rule: RuleCase) {
        do {
            _ = try Verifier.verify(rule.program)
            #expect(rule.rule == nil, "accepted, expected \(rule.rule?.rawValue ?? "")")
        } catch {
            #expect(error.diagnostics.first?.rule == rule.rule, "\(error)")
            #expect(error.diagnostics.first?.instructionIndex == rule.index, "\(error)")
            #expect(error.diagnostics.allSatisfy { !$0.hint.isEmpty && !$0.message.isEmpty })
        }
    }

    /// Every rule but the engine's own ancillary limit has a case above.
    @Test func everyRuleHasACase() {
        let covered = Set(ruleCases.compactMap(\.rule))
        #expect(covered.union([.unsupportedAncillary]) == Set(VerifierRule.allCases))
    }

    /// The cases agree with the running kernel.
    @Test(arguments: ruleCases) func kernelAgrees(_ rule: RuleCase) throws {
        guard try KernelAccess.check("comparing rule cases with SO_ATTACH_FILTER") else { return }
        let verdict = try KernelClassicChecker.verdict(for: rule.program)
        #expect((verdict == .rejected) == (rule.rule != nil), "kernel: \(verdict)")
    }

    @Test func everyBadOpcodeIsReported() throws {
        let program: Program = [Instruction(code: 0x21), .loadImmediate(1), Instruction(code: 0x0e), Instruction(code: 0xff), .returnA]
        let failure = try #require(throws: VerificationFailure.self) { try Verifier.verify(program) }
        #expect(failure.diagnostics.map(\.instructionIndex) == [0, 2, 3])
        #expect(failure.rules == [.invalidOpcode])
        #expect(failure.diagnostics[1].hint.contains("txa"))
    }

    @Test func laterPassesDoNotRunAfterAnEarlierOneFails() throws {
        // A bad opcode and an unwritten scratch read: only the opcode is
        // reported, as Linux never gets to the scratch check.
        let program: Program = [.loadScratch(3), Instruction(code: 0x21), .returnA]
        let failure = try #require(throws: VerificationFailure.self) { try Verifier.verify(program) }
        #expect(failure.rules == [.invalidOpcode])
    }

    @Test func aRetXAtTheEndIsOneProblemNotTwo() throws {
        let failure = try #require(throws: VerificationFailure.self) { try Verifier.verify([Instruction(code: 0x0e)]) }
        #expect(failure.diagnostics.count == 1)
    }

    @Test func everyUnwrittenReadIsReported() throws {
        let program: Program = [.loadScratch(1), .store(1), .loadXScratch(2), .loadScratch(1), .returnA]
        let failure = try #require(throws: VerificationFailure.self) { try Verifier.verify(program) }
        #expect(failure.diagnostics.map(\.instructionIndex) == [0, 2])
    }

    @Test func unsupportedAncillaryFollowsTheOptions() throws {
        let program: Program = [.load(.mark), .load(.networkProtocol), .returnA]
        _ = try Verifier.verify(program)
        let options = VerifierOptions(supportedAncillary: [.networkProtocol])
        let failure = try #require(throws: VerificationFailure.self) { try Verifier.verify(program, options: options) }
        #expect(failure.rules == [.unsupportedAncillary])
        #expect(failure.diagnostics.map(\.instructionIndex) == [0])
        #expect(failure.diagnostics[0].hint.contains("proto"))
    }

    @Test func translationLimitsCanBeTurnedOff() throws {
        let program = Program([.jump(4094)] + Array(repeating: .loadXHeaderLength(0), count: 4094) + [.return(1)])
        _ = try Verifier.verify(program, options: VerifierOptions(enforcesKernelTranslationLimits: false))
    }

    @Test func descriptionNamesPlaceRuleAndHint() throws {
        let failure = try #require(throws: VerificationFailure.self) { try Verifier.verify([.alu(.div, 0), .returnA]) }
        #expect(failure.description == """
            instruction 0: division-by-zero: div #0 divides by the constant zero
                hint: to return 0 write ret #0; to divide by a register write div x
            """)
    }

    @Test func linuxAllowsFortyNineOpcodes() {
        #expect(LinuxOpcodes.allowed.count == 49)
        for code in UInt16(0)...0x1ff where !LinuxOpcodes.isAllowed(code) {
            #expect(!LinuxOpcodes.hint(for: code).isEmpty)
        }
    }

    /// Random programs: diagnostics always point inside the program, in order.
    @Test func diagnosticsPointInsideTheProgram() {
        var generator = AlmostValidProgramGenerator(seed: 7)
        for _ in 0..<500 {
            let program = generator.next()
            do {
                _ = try Verifier.verify(program)
            } catch {
                let indices = error.diagnostics.compactMap(\.instructionIndex)
                #expect(!error.diagnostics.isEmpty)
                #expect(indices.allSatisfy { program.indices.contains($0) })
                #expect(indices == indices.sorted())
            }
        }
    }
}
