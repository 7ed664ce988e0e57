import SluiceBytecode

/// A classic BPF instruction that has no XDP counterpart, or a program the
/// translator cannot follow. Names the instruction by index.
public struct CBPFTranslationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the instruction cannot be translated.
    public enum Reason: Hashable, Sendable {
        /// An `SKF_AD_*` metadata load: XDP has no skb to read it from.
        case ancillaryLoad(Ancillary?)
        /// A load relative to `SKF_NET_OFF`/`SKF_LL_OFF`: XDP has no header offsets.
        case headerRelativeLoad
        /// An opcode outside the classic instruction set.
        case unsupportedOpcode
        /// A jump past the end of the program.
        case jumpOutOfRange
        /// The program runs off its end without `ret`.
        case missingReturn
        /// The program has no instructions or more than `Program.maximumLength`.
        case invalidLength
    }

    /// Index of the offending instruction in the classic program.
    public var instructionIndex: Int
    /// The instruction itself.
    public var instruction: Instruction?
    /// What is wrong.
    public var reason: Reason

    /// Makes an error for the instruction at `index`.
    public init(instructionIndex: Int, instruction: Instruction?, reason: Reason) {
        self.instructionIndex = instructionIndex
        self.instruction = instruction
        self.reason = reason
    }

    public var description: String {
        let raw = instruction.map {
            " (code 0x\(hex($0.code, width: 2)) jt \($0.jt) jf \($0.jf) k 0x\(hex($0.k, width: 8)))"
        } ?? ""
        let what: String
        switch reason {
        case .ancillaryLoad(let ancillary):
            what = "ancillary load \(ancillary.map { "\($0)" } ?? "beyond SKF_AD_MAX") reads skb metadata, which XDP does not have"
        case .headerRelativeLoad:
            what = "load relative to SKF_NET_OFF/SKF_LL_OFF has no XDP counterpart (XDP sees the frame from its first byte)"
        case .unsupportedOpcode:
            what = "opcode is not a classic BPF instruction"
        case .jumpOutOfRange:
            what = "jump leaves the program"
        case .missingReturn:
            what = "execution runs past the last instruction without ret"
        case .invalidLength:
            what = "program must have 1 to \(Program.maximumLength) instructions"
        }
        return "instruction \(instructionIndex)\(raw): cannot translate to XDP: \(what)"
    }
}
