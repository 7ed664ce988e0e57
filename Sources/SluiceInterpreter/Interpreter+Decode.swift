import SluiceBytecode

/// Pre-decoding: each classic instruction becomes one `DecodedInstruction`
/// whose operation already says which case of Linux's semantics applies.
///
/// The decoder is total: whatever the verifier let through, every jump
/// target it produces lies inside the decoded array (whose last entry is a
/// `fail` sentinel for a fall off the end), so the unchecked run loop can
/// never leave it. Instructions Linux's checker would reject decode to
/// `fail`.
extension Interpreter {
    static func decode(_ program: Program) -> [DecodedInstruction] {
        let end = program.count
        var decoded: [DecodedInstruction] = []
        decoded.reserveCapacity(end + 1)
        for (index, instruction) in program.enumerated() {
            decoded.append(decode(instruction, at: index, end: end))
        }
        decoded.append(DecodedInstruction(.fail))
        fuse(&decoded)
        return decoded
    }

    /// True when some instruction reads or writes the scratch memory.
    static func usesScratch(_ code: [DecodedInstruction]) -> Bool {
        code.contains { [.loadScratch, .loadXScratch, .store, .storeX].contains($0.operation) }
    }

    private static func decode(_ instruction: Instruction, at index: Int, end: Int) -> DecodedInstruction {
        let k = instruction.k
        switch instruction.instructionClass {
        case .ld: return decodeLoad(instruction)
        case .ldx: return decodeLoadX(instruction)
        case .st: return k < 16 ? DecodedInstruction(.store, k: k) : DecodedInstruction(.fail)
        case .stx: return k < 16 ? DecodedInstruction(.storeX, k: k) : DecodedInstruction(.fail)
        case .alu: return decodeALU(instruction)
        case .jmp: return decodeJump(instruction, at: index, end: end)
        case .ret:
            switch instruction.returnSource {
            case .k: return DecodedInstruction(.returnK, k: k)
            case .a: return DecodedInstruction(.returnA)
            case .x, nil: return DecodedInstruction(.fail)
            }
        case .misc:
            switch instruction.code {
            case InstructionClass.misc.rawValue | MiscOperation.tax.rawValue: return DecodedInstruction(.tax)
            case InstructionClass.misc.rawValue | MiscOperation.txa.rawValue: return DecodedInstruction(.txa)
            default: return DecodedInstruction(.fail)
            }
        }
    }

    private static func decodeLoad(_ instruction: Instruction) -> DecodedInstruction {
        let k = instruction.k
        switch (instruction.addressMode, instruction.loadSize) {
        case (.imm, .word?): return DecodedInstruction(.loadImmediate, k: k)
        case (.mem, .word?): return k < 16 ? DecodedInstruction(.loadScratch, k: k) : DecodedInstruction(.fail)
        case (.len, .word?): return DecodedInstruction(.loadLength)
        case (.abs, let size?):
            if Int32(bitPattern: k) >= 0 {
                let operation: Operation = switch size {
                case .word: .loadWordAbsolute
                case .half: .loadHalfAbsolute
                case .byte: .loadByteAbsolute
                }
                // k < 2^31, so k + width fits: the loop checks end <= count.
                return DecodedInstruction(operation, k: k + UInt32(size.byteCount))
            }
            if k >= Ancillary.base {
                // Linux's checker accepts only the SKF_AD_* it knows here, any width.
                guard let ancillary = Ancillary(loadOffset: k) else { return DecodedInstruction(.fail) }
                return DecodedInstruction(.loadAncillary, k: ancillary.rawValue)
            }
            return DecodedInstruction(.loadNegative, k: k, jt: UInt16(size.byteCount))
        case (.ind, let size?):
            let operation: Operation = switch size {
            case .word: .loadWordIndirect
            case .half: .loadHalfIndirect
            case .byte: .loadByteIndirect
            }
            return DecodedInstruction(operation, k: k)
        default:
            return DecodedInstruction(.fail)
        }
    }

    private static func decodeLoadX(_ instruction: Instruction) -> DecodedInstruction {
        let k = instruction.k
        switch (instruction.addressMode, instruction.loadSize) {
        case (.imm, .word?): return DecodedInstruction(.loadXImmediate, k: k)
        case (.mem, .word?): return k < 16 ? DecodedInstruction(.loadXScratch, k: k) : DecodedInstruction(.fail)
        case (.len, .word?): return DecodedInstruction(.loadXLength)
        case (.msh, .byte?):
            // Linux runs MSH as a byte LD_ABS, negative windows included (never ancillary).
            // A non-negative k is stored as k + 1, the bytes needed (see PacketBytes).
            return Int32(bitPattern: k) >= 0 ? DecodedInstruction(.loadHeaderLength, k: k + 1) : DecodedInstruction(.loadHeaderLengthNegative, k: k)
        default: return DecodedInstruction(.fail)
        }
    }

    private static func decodeALU(_ instruction: Instruction) -> DecodedInstruction {
        let k = instruction.k
        guard let operation = instruction.aluOperation else { return DecodedInstruction(.fail) }
        if operation == .neg {
            return instruction.operandSource == .k ? DecodedInstruction(.negate) : DecodedInstruction(.fail)
        }
        let byX = instruction.operandSource == .x
        let decoded: Operation
        switch operation {
        case .add: decoded = byX ? .addX : .addK
        case .sub: decoded = byX ? .subX : .subK
        case .mul: decoded = byX ? .mulX : .mulK
        case .div: decoded = byX ? .divX : .divK
        case .mod: decoded = byX ? .modX : .modK
        case .and: decoded = byX ? .andX : .andK
        case .or: decoded = byX ? .orX : .orK
        case .xor: decoded = byX ? .xorX : .xorK
        case .lsh: decoded = byX ? .lshX : .lshK
        case .rsh: decoded = byX ? .rshX : .rshK
        case .neg: decoded = .negate
        }
        // The checker rejects division by a constant 0 and constant shifts of 32 or more.
        if !byX, (operation == .div || operation == .mod) && k == 0 || (operation == .lsh || operation == .rsh) && k >= 32 {
            return DecodedInstruction(.fail)
        }
        return DecodedInstruction(decoded, k: k)
    }

    private static func decodeJump(_ instruction: Instruction, at index: Int, end: Int) -> DecodedInstruction {
        let next = index + 1
        guard let operation = instruction.jumpOperation else { return DecodedInstruction(.fail) }
        if operation == .ja {
            let target = next + Int(instruction.k)
            guard instruction.operandSource == .k, target <= end else { return DecodedInstruction(.fail) }
            return DecodedInstruction(.jump, jt: UInt16(target))
        }
        let whenTrue = next + Int(instruction.jt), whenFalse = next + Int(instruction.jf)
        guard whenTrue <= end, whenFalse <= end else { return DecodedInstruction(.fail) }
        let byX = instruction.operandSource == .x
        let decoded: Operation = switch operation {
        case .jeq: byX ? .jeqX : .jeqK
        case .jgt: byX ? .jgtX : .jgtK
        case .jge: byX ? .jgeX : .jgeK
        case .jset: byX ? .jsetX : .jsetK
        case .ja: .jump
        }
        return DecodedInstruction(decoded, k: instruction.k, jt: UInt16(whenTrue), jf: UInt16(whenFalse))
    }
}
