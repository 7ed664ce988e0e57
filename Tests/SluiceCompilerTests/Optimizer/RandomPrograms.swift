import SluiceBytecode

/// SplitMix64: a tiny seeded generator, so every random test is repeatable.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random programs the verifier would accept (forward jumps in range, a
/// return at the end of every path, scratch words written before they are
/// read, no division by a constant 0, shifts by constants below 32) and
/// random packets that hit their constants often.
enum RandomPrograms {
    /// Constants the programs compare with and the packets contain.
    static let constants: [UInt32] = [0, 1, 2, 6, 0x45, 0x80, 0xff, 0x800, 0x86dd, 0xffff_ffff]

    static func program(_ random: inout SeededGenerator) -> Program {
        let length = Int.random(in: 4...48, using: &random)
        var instructions: [Instruction] = []
        // Scratch words written first, on every path, may be read later.
        let written = Array(0..<Int.random(in: 0...3, using: &random)).map { _ in UInt32.random(in: 0..<16, using: &random) }
        for slot in written {
            instructions.append(Bool.random(using: &random) ? .store(slot) : .storeX(slot))
        }
        while instructions.count < length - 1 {
            instructions.append(instruction(at: instructions.count, length: length, readable: written, &random))
        }
        instructions.append(Bool.random(using: &random) ? .returnA : .return(constant(&random)))
        return Program(instructions)
    }

    static func constant(_ random: inout SeededGenerator) -> UInt32 {
        Int.random(in: 0..<4, using: &random) == 0 ? UInt32.random(in: 0...64, using: &random)
            : constants.randomElement(using: &random) ?? 0
    }

    static func instruction(at index: Int, length: Int, readable: [UInt32],
                            _ random: inout SeededGenerator) -> Instruction {
        let size = LoadSize.allCases.randomElement(using: &random) ?? .byte
        let offset = UInt32.random(in: 0...40, using: &random)
        let room = length - 1 - (index + 1)  // instructions between here and the final return
        switch Int.random(in: 0..<22, using: &random) {
        case 0: return .loadImmediate(constant(&random))
        case 1, 2: return .load(size, absolute: offset)
        case 3: return .load(size, indirect: UInt32.random(in: 0...20, using: &random))
        case 4: return .loadXImmediate(constant(&random))
        case 5: return .loadXHeaderLength(UInt32.random(in: 0...20, using: &random))
        case 6: return readable.randomElement(using: &random).map { .loadScratch($0) } ?? .loadLength
        case 7: return readable.randomElement(using: &random).map { .loadXScratch($0) } ?? .loadXLength
        case 8: return .store(UInt32.random(in: 0..<16, using: &random))
        case 9: return .storeX(UInt32.random(in: 0..<16, using: &random))
        case 10, 11:
            let op = ALUOperation.allCases.randomElement(using: &random) ?? .add
            if op == .neg { return .negate }
            if Bool.random(using: &random) { return .aluX(op) }
            switch op {
            case .div, .mod: return .alu(op, UInt32.random(in: 1...9, using: &random))
            case .lsh, .rsh: return .alu(op, UInt32.random(in: 0...31, using: &random))
            default: return .alu(op, constant(&random))
            }
        case 12: return .tax
        case 13: return .txa
        case 14: return .load(.vlanTagPresent)
        case 15: return .load(.aluXorX)
        case 16: return .loadLength
        case 17: return Bool.random(using: &random) ? .return(constant(&random)) : .returnA
        case 18: return .jump(UInt32.random(in: 0...UInt32(max(0, room)), using: &random))
        default:
            let op = [JumpOperation.jeq, .jgt, .jge, .jset].randomElement(using: &random) ?? .jeq
            let jt = UInt8(Int.random(in: 0...min(room, 255), using: &random))
            let jf = UInt8(Int.random(in: 0...min(room, 255), using: &random))
            return Bool.random(using: &random) && index % 3 == 0
                ? .jumpX(op, true: jt, false: jf) : .jump(op, constant(&random), true: jt, false: jf)
        }
    }

    static func packet(_ random: inout SeededGenerator) -> CaptureSample.Packet {
        let count = Int.random(in: 0...48, using: &random)
        let data = (0..<count).map { _ in
            Bool.random(using: &random) ? UInt8(truncatingIfNeeded: constants.randomElement(using: &random) ?? 0)
                : UInt8.random(in: 0...255, using: &random)
        }
        return CaptureSample.Packet(data: data, wireLength: count + Int.random(in: 0...2, using: &random))
    }
}
