import SluiceCompiler
import SluiceKernel
import SluiceTestSupport
import Testing
@testable import SluiceEBPF

/// Per-slot source notes of the generated code: aligned with the slots,
/// naming the primitive each slot was emitted for, and shown by the kernel
/// side when the verifier rejects a slot.
@Suite struct XDPSourceNoteTests {
    static let expression = "ip host 10.0.0.1 and tcp dst port 80 or not vlan 7 and ether broadcast"

    static func text(_ span: SourceSpan?, in expression: String) -> String? {
        guard let span else { return nil }
        return String(decoding: Array(expression.utf8)[span.start..<span.end], as: UTF8.self)
    }

    @Test func everySlotOfAPrimitiveNamesThatPrimitive() throws {
        let compiled = try FilterCompiler.compile(Self.expression)
        let generated = try XDPCodeGenerator.generateAnnotated(compiled)
        #expect(generated.path == .direct)
        #expect(generated.sources.count == generated.program.instructions.count)
        let texts = Set(generated.sources.compactMap { Self.text($0, in: Self.expression) })
        #expect(texts == ["ip host 10.0.0.1", "tcp dst port 80", "vlan 7", "ether broadcast"])
        // The two context loads of the prologue and the final returns have no source.
        #expect(generated.sources.prefix(2).allSatisfy { $0 == nil })
        #expect(generated.sources.last! == nil)
        // Every packet load belongs to a primitive.
        for (slot, instruction) in generated.program.instructions.enumerated()
        where instruction.instructionClass == .ldx && instruction.src != EBPFRegister.r1.rawValue {
            #expect(generated.sources[slot] != nil, "slot \(slot): \(instruction)")
        }
        let notes = generated.annotations(in: Self.expression)
        let note = "column 22: `tcp dst port 80`\n  \(Self.expression)\n  " + String(repeating: " ", count: 21) + String(repeating: "^", count: 15)
        #expect(notes.count == generated.program.instructions.count)
        #expect(notes.contains(note))
    }

    @Test func aKernelRejectionIsShownAgainstTheExpression() throws {
        guard try KernelAccess.check("loading XDP programs") else { return }
        let compiled = try FilterCompiler.compile(Self.expression)
        var generated = try XDPCodeGenerator.generateAnnotated(compiled)
        // Break the first packet load of `tcp dst port 80`: read far past any bounds check.
        let slot = try #require(generated.program.instructions.indices.first { slot in
            Self.text(generated.sources[slot], in: Self.expression) == "tcp dst port 80"
                && generated.program.instructions[slot].instructionClass == .ldx
        })
        generated.program.instructions[slot].offset = 3000
        do {
            _ = try BPFProgram.load(generated.program, type: .xdp, name: "sluice_note",
                                    annotations: generated.annotations(in: Self.expression))
            Issue.record("the kernel verifier accepted a load past every bounds check")
        } catch {
            let log = try #require(error.verifierLog)
            #expect(log.failingInstruction == slot)
            #expect(log.failingSource?.hasPrefix("column 22: `tcp dst port 80`\n") == true, "\(log.summary)")
            #expect(error.description.contains("tcp dst port 80"))
        }
    }
}
