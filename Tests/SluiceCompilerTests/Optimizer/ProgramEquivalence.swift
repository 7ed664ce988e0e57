import SluiceBytecode
import SluiceInterpreter
import SluiceVerifier

/// Compares a program with its optimized form: the optimized program must
/// pass the verifier whenever the original does, and the interpreter must
/// return the same value for both on every packet.
enum ProgramEquivalence {
    /// What went wrong, or nil when the programs agree.
    static func problem(_ original: Program, _ optimized: Program, packets: [CaptureSample.Packet]) -> String? {
        let checkedOriginal: VerifiedProgram
        do {
            checkedOriginal = try Verifier.verify(original)
        } catch {
            return "the original program does not verify: \(error)"
        }
        let checkedOptimized: VerifiedProgram
        do {
            checkedOptimized = try Verifier.verify(optimized)
        } catch {
            return "the optimized program does not verify: \(error)\n\(listing(optimized))"
        }
        let before = Interpreter(checkedOriginal), after = Interpreter(checkedOptimized)
        for (index, packet) in packets.enumerated() {
            let expected = before.run(packet: packet.data, wireLength: packet.wireLength)
            let actual = after.run(packet: packet.data, wireLength: packet.wireLength)
            if actual != expected {
                return """
                    packet \(index) \(packet.data.prefix(64)) (wire \(packet.wireLength)): \
                    optimized \(actual), original \(expected)
                    original:
                    \(listing(original))
                    optimized:
                    \(listing(optimized))
                    """
            }
        }
        return nil
    }

    /// A program as `code jt jf k` lines, for failure messages.
    static func listing(_ program: Program) -> String {
        program.instructions.enumerated().map { index, instruction in
            "(\(index)) code=0x\(String(instruction.code, radix: 16)) jt=\(instruction.jt) jf=\(instruction.jf) k=0x\(String(instruction.k, radix: 16))"
        }.joined(separator: "\n")
    }
}
