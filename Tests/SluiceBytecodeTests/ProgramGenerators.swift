import PropertyBased
@testable import SluiceBytecode

/// Random programs for the codec properties, built from random 64-bit words
/// so PropertyBased can shrink them.
enum ProgramGenerators {
    /// Raw words: one per instruction, 1 to 48 instructions.
    static var words: Generator<[UInt64], some SendableSequenceType> { Gen.uint64().array(of: 1...48) }

    /// Any bit pattern: code, jt, jf and k straight from the word.
    static func arbitrary(_ words: [UInt64]) -> Program {
        Program(words.map { word in
            Instruction(code: UInt16(truncatingIfNeeded: word), jt: UInt8(truncatingIfNeeded: word >> 16),
                        jf: UInt8(truncatingIfNeeded: word >> 24), k: UInt32(truncatingIfNeeded: word >> 32))
        })
    }

    /// Instructions that look like real ones: a known opcode, jumps that stay
    /// inside the program, and `k` drawn from small numbers, ancillary
    /// offsets and extremes; fields the opcode ignores are 0.
    static func validLooking(_ words: [UInt64]) -> Program {
        let count = words.count
        return Program(words.enumerated().map { index, word in
            let known = KnownOpcode.all[Int(word % UInt64(KnownOpcode.all.count))]
            var instruction = Instruction(code: known.code)
            let remaining = UInt64(count - index - 1)
            if known.usesK {
                instruction.k = interestingK(word >> 8)
                if known.operand == .jumpTarget { instruction.k = UInt32((word >> 8) % (remaining + 1)) }
            }
            if known.usesJumpOffsets {
                let limit = min(remaining, 255) + 1
                instruction.jt = UInt8((word >> 40) % limit)
                instruction.jf = UInt8((word >> 48) % limit)
            }
            return instruction
        })
    }

    /// `-d` text cannot carry what `bpf_image` does not print: `jt`/`jf` of
    /// anything but a conditional jump, `k` of opcodes without a `k` operand
    /// (`tax`, `ret a`, `ld #pktlen`, `add x`, ...), and `jt`/`jf`/`k` of
    /// unknown codes (`unimp 0x..` shows only the code). So this generator
    /// takes an arbitrary instruction and clears exactly those fields.
    static func imageRepresentable(_ words: [UInt64]) -> Program {
        Program(arbitrary(words).map { instruction in
            var instruction = instruction
            if !KnownOpcode.isConditionalJump(instruction.code) { instruction.jt = 0; instruction.jf = 0 }
            if !(KnownOpcode(code: instruction.code)?.usesK ?? false) { instruction.k = 0 }
            return instruction
        })
    }

    /// A `k` that exercises the printers: small values, sign boundaries,
    /// ancillary and negative-offset loads.
    static func interestingK(_ bits: UInt64) -> UInt32 {
        let choices: [UInt32] = [0, 1, 12, 14, 15, 23, 255, 0x800, 0x86dd, 0xffff, 0x7fff_ffff, 0x8000_0000,
                                 0xffff_ffff, Ancillary.base, Ancillary.networkBase, Ancillary.linkLayerBase]
        switch bits % 4 {
        case 0: return choices[Int((bits >> 2) % UInt64(choices.count))]
        case 1: return Ancillary.allCases[Int((bits >> 2) % UInt64(Ancillary.allCases.count))].offset
        case 2: return UInt32(truncatingIfNeeded: bits >> 2) % 64
        default: return UInt32(truncatingIfNeeded: bits >> 2)
        }
    }
}
