import SluiceBytecode

/// Compares two programs packet by packet with the reference evaluator.
enum ProgramEquivalence {
    /// The first packet on which the programs differ (or either misbehaves),
    /// with both results; nil when they agree on all of them.
    static func firstDifference(_ original: Program, _ optimized: Program,
                                packets: [CaptureSample.Packet]) -> (index: Int, original: UInt32?, optimized: UInt32?)? {
        for (index, packet) in packets.enumerated() {
            let expected = ReferenceEvaluator.run(original, packet: packet.data, wireLength: packet.wireLength)
            let actual = ReferenceEvaluator.run(optimized, packet: packet.data, wireLength: packet.wireLength)
            if expected == nil || actual != expected { return (index, expected, actual) }
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
