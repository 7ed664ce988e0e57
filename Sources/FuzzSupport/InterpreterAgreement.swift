import SluiceBytecode
import SluiceInterpreter
import SluiceTestSupport
import SluiceVerifier

/// Fuzz invariant for the verifier and the interpreter: a program the
/// verifier accepts runs without trapping, ends in at most its length in
/// steps, and returns what `ReferenceInterpreter` returns, on the packet
/// and metadata of the input.
///
/// Input: a selector byte (mostly a synthesized program, sometimes raw
/// `sock_filter` records), the program, metadata bytes, then the packet.
public enum InterpreterAgreement {
    /// The ancillary loads compared: all the interpreter supplies but the
    /// random one, whose sequence the reference does not model.
    static let options = VerifierOptions(supportedAncillary: Interpreter.supportedAncillary.subtracting([.random]))

    /// Checks the invariant on one input.
    public static func check(_ input: [UInt8]) -> FuzzFailure? {
        var bytes = FuzzBytes(input)
        let program: Program
        if bytes.byte() % 8 == 0 {
            let count = 1 + bytes.below(32)
            program = Program((0..<count).map { _ in
                Instruction(code: UInt16(bytes.byte()), jt: bytes.byte(), jf: bytes.byte(), k: bytes.word())
            })
        } else {
            program = ProgramSynthesis.program(&bytes)
        }
        guard let verified = try? Verifier.verify(program, options: options) else { return nil }
        let metadata = Self.metadata(&bytes)
        let packet = bytes.rest
        let interpreter = Interpreter(verified)
        for wireLength in [packet.count, packet.count + Int(input.count % 61)] {
            let ours = interpreter.run(packet: packet, wireLength: wireLength, metadata: metadata)
            let reference = ReferenceInterpreter.run(program, packet: packet, wireLength: wireLength, metadata: metadata)
            switch reference {
            case .returned(let value, let steps):
                if steps > program.count {
                    return FuzzFailure("too many steps", "\(steps) steps for \(program.count) instructions")
                }
                if value != ours {
                    return FuzzFailure("interpreter disagrees with the reference",
                                       "interpreter \(ours), reference \(value); \(describe(program, packet, wireLength, metadata))")
                }
            case .invalid(let index, let reason):
                return FuzzFailure("verifier accepted an invalid program",
                                   "instruction \(index): \(reason); \(describe(program, packet, wireLength, metadata))")
            case .unsupported:
                return nil
            }
        }
        return nil
    }

    /// Packet metadata from fuzz bytes: devices, offloaded tags and header
    /// offsets sometimes unset or odd.
    static func metadata(_ bytes: inout FuzzBytes) -> PacketMetadata {
        let flags = bytes.byte()
        var metadata = PacketMetadata(
            networkProtocol: bytes.pick([0x0800, 0x86dd, 0x0806, UInt16(bytes.byte())]),
            packetType: bytes.byte(), mark: flags & 1 == 0 ? 0 : bytes.word(),
            queue: UInt16(bytes.byte()), receiveHash: flags & 2 == 0 ? 0 : bytes.word(),
            cpu: UInt32(bytes.below(4)), vlanTag: UInt16(bytes.byte()) << 4,
            vlanTagPresent: flags & 4 != 0, vlanTPID: bytes.pick([0, 0x8100, 0x88a8]))
        if flags & 8 != 0 { metadata.device = .init(index: UInt32(bytes.byte()), hardwareType: UInt16(bytes.byte())) }
        if flags & 16 != 0 { metadata.linkLayerHeaderOffset = flags & 32 != 0 ? nil : bytes.below(20) }
        if flags & 64 != 0 { metadata.networkHeaderOffset = flags & 128 != 0 ? nil : bytes.below(40) }
        return metadata
    }

    static func describe(_ program: Program, _ packet: [UInt8], _ wireLength: Int, _ metadata: PacketMetadata) -> String {
        let code = program.map { "{ 0x\(String($0.code, radix: 16)), \($0.jt), \($0.jf), 0x\(String($0.k, radix: 16)) }" }
        return "program \(code.joined(separator: ", ")); packet \(packet.count) bytes (wire \(wireLength)); \(metadata)"
    }
}
