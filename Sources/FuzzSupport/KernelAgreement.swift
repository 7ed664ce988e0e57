import SluiceBytecode
import SluiceCompiler
import SluiceEBPF
import SluiceInterpreter
import SluiceKernel
import SluiceTestSupport
import SluiceVerifier

/// Fuzz invariant for eBPF code generation (needs CAP_BPF; without it every
/// input passes): the kernel verifier loads every XDP program
/// `CBPFTranslator` makes from a verified classic program and every one
/// `XDPCodeGenerator` makes from a filter's IR, and `BPF_PROG_TEST_RUN`
/// returns the interpreter's result (translation) or verdict (IR) on each packet.
///
/// Input: a selector byte (even: a synthesized classic program; odd: a
/// synthesized filter expression, compiled), then bytes for the packets.
public enum KernelAgreement {
    /// Checks the invariant on one input.
    public static func check(_ input: [UInt8]) -> FuzzFailure? {
        guard KernelAccess.isPrivileged else { return nil }
        var bytes = FuzzBytes(input)
        let selector = bytes.byte()
        let verified: VerifiedProgram
        let origin: String
        var filter: Filter?
        if selector % 2 == 0 {
            let program = ProgramSynthesis.program(&bytes, maximumLength: 32)
            // XDP has no sk_buff: no ancillary loads.
            guard let checked = try? Verifier.verify(program, options: VerifierOptions(supportedAncillary: [])) else { return nil }
            verified = checked
            origin = InterpreterAgreement.describe(program, [], 0, PacketMetadata())
        } else {
            let expression = ExpressionSynthesis.expression(&bytes, depth: 2)
            guard let compiled = try? FilterCompiler.compile(expression) else { return nil }
            verified = compiled.program
            origin = expression.debugDescription
            filter = compiled.ir
        }
        // From the IR (selector bit 1), else by translation of the cBPF.
        let fromIR = filter != nil && selector & 2 != 0
        let mode: XDPResultMode = fromIR ? .report : .raw
        let ebpf: EBPFProgram
        do {
            if let filter, fromIR {
                ebpf = try XDPCodeGenerator.generate(filter, result: mode, fallback: verified)
            } else {
                ebpf = try CBPFTranslator.translate(verified, result: mode)
            }
        } catch {
            return nil  // header-window loads: XDP cannot express them, a typed refusal
        }
        let loaded: BPFProgram
        do {
            loaded = try BPFProgram.load(ebpf, type: .xdp, name: "sluice_fuzz")
        } catch {
            return FuzzFailure("kernel verifier rejected \(fromIR ? "XDPCodeGenerator" : "CBPFTranslator") output", "\(origin): \(error)")
        }
        let interpreter = Interpreter(verified)
        // XDP has no sk_buff: no link-layer or network header offsets, so a
        // load at SKF_LL_OFF/SKF_NET_OFF (also through [x + k]) fails, as
        // CBPFTranslator documents. The interpreter is run the same way.
        let noHeaders = PacketMetadata(linkLayerHeaderOffset: nil, networkHeaderOffset: nil)
        var packets = RandomPackets(bytes: bytes.rest)
        for _ in 0..<4 {
            var frame = packets.next().bytes
            // BPF_PROG_TEST_RUN wants at least an Ethernet header.
            if frame.count < 14 { frame += [UInt8](repeating: 0, count: 14 - frame.count) }
            let expected = mode.returnValue(forResult: interpreter.run(packet: frame, metadata: noHeaders))
            let actual: UInt32
            do {
                actual = try loaded.testRun(packet: frame).returnValue
            } catch {
                return FuzzFailure("BPF_PROG_TEST_RUN failed", "\(origin): \(error)")
            }
            if actual != expected {
                let digits = frame.map { String($0 >> 4, radix: 16) + String($0 & 0xf, radix: 16) }.joined()
                return FuzzFailure("kernel disagrees with the interpreter",
                                   "\(origin) via \(fromIR ? "XDPCodeGenerator" : "CBPFTranslator"): kernel \(actual), interpreter \(expected) on packet \(digits)")
            }
            if packets.isExhausted { break }
        }
        return nil
    }
}
