import SluiceBytecode
import SluiceCompiler
import SluiceKernel
import SluiceTestSupport
import SluiceVerifier
import Testing
@testable import SluiceEBPF

/// A kernel verifier rejection of a program Sluice generated from an
/// expression names the part of the expression the failing slot came from.
/// The rejection is real: one packet load of the generated program is moved
/// past its bounds check, and the kernel refuses exactly that slot.
@Suite("Kernel verifier reports name the expression", .serialized)
struct KernelVerifierReportTests {
    /// Translated from its cBPF (`translateWithSources`), whatever the direct generator could do.
    static let expression = "ether[6] = 0x11 and ip[8] > 64"

    /// The slots that load from the frame at a constant offset (`r6 + off`).
    static func frameLoads(_ program: EBPFProgram) -> [Int] {
        program.instructions.indices.filter {
            let instruction = program.instructions[$0]
            return instruction.instructionClass == .ldx && instruction.mode == .mem && instruction.src == 6
        }
    }

    @Test("every translated slot maps to the classic instruction it translates")
    func slotMapMatchesTheClassicLoads() throws {
        let compiled = try FilterCompiler.compile(Self.expression)
        let translated = try CBPFTranslator.translateWithSources(compiled.program)
        #expect(translated.program == (try CBPFTranslator.translate(compiled.program)))
        #expect(translated.classicIndices.count == translated.program.instructions.count)
        #expect(translated.classicIndices.prefix(2).allSatisfy { $0 == nil }, "the prologue belongs to no classic instruction")
        let classic = compiled.program.program
        let loads = Self.frameLoads(translated.program)
        #expect(loads.count >= 2)
        for slot in loads {
            let index = try #require(translated.classicIndices[slot], "slot \(slot)")
            let source = classic[index]
            #expect(source.instructionClass == .ld || source.instructionClass == .ldx)
            #expect(Int(translated.program.instructions[slot].offset) == Int(source.k), "slot \(slot) ← classic \(index)")
        }
        // Every classic instruction that is not a return has code of its own.
        let covered = Set(translated.classicIndices.compactMap { $0 })
        for (index, instruction) in classic.enumerated() where instruction.instructionClass != .ret {
            #expect(covered.contains(index), "classic \(index) has no slot")
        }
    }

    @Test("a translated program the kernel rejects: the report shows the slot, the classic instruction and the expression part")
    func translatedRejectionNamesTheExpression() throws {
        guard try KernelAccess.check("loading XDP programs") else { return }
        let compiled = try FilterCompiler.compile(Self.expression)
        let translated = try CBPFTranslator.translateWithSources(compiled.program)
        let annotations = translated.annotations(for: compiled)
        var named = Set<String>()
        for slot in Self.frameLoads(translated.program) {
            var broken = translated.program
            broken.instructions[slot].offset += 4096
            let error = try #require(throws: KernelError.self) {
                _ = try BPFProgram.load(broken, type: .xdp, name: "sluice_report", annotations: annotations)
            }
            let log = try #require(error.verifierLog)
            #expect(log.failingInstruction == slot, "\(log.summary)")
            let index = try #require(translated.classicIndices[slot])
            let span = try #require(compiled.sources[index])
            let part = String(Array(Self.expression.utf8)[span.start..<span.end].map { Character(UnicodeScalar($0)) })
            named.insert(part)
            let report = error.description
            #expect(report.contains("verifier rejected instruction \(slot): (\(String(broken.instructions[slot].code, radix: 16)))"))
            #expect(report.contains("generated from: classic " + TcpdumpImage.line(compiled.program.program[index], at: index)))
            #expect(report.contains("    column \(span.column): `\(part)`\n"), "\(report)")
            #expect(report.contains("\n      " + Self.expression + "\n"), "\(report)")
            let caret = String(repeating: " ", count: span.start) + String(repeating: "^", count: span.end - span.start)
            #expect(report.contains("\n      " + caret + "\n"), "\(report)")
            #expect(report.contains("  kernel: invalid access to packet"), "\(report)")
            #expect(report.split(separator: "\n").count < 25, "a summary, not the whole log")
        }
        #expect(named == ["ether[6] = 0x11", "ip[8] > 64"], "both primitives were named: \(named)")
    }
}
