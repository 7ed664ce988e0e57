import SluiceBytecode

/// Random classic BPF programs that are almost valid: mostly allowed opcodes,
/// forward jumps mostly in range, scratch reads mostly after a store, with
/// occasional mistakes of every kind the verifier knows (bad opcodes, jumps
/// past the end, division by zero, big shifts, scratch index 16, unknown
/// ancillary offsets, no final return, reads of unwritten scratch words, 0 or
/// 4097 instructions) and a few long load-heavy programs whose jumps break
/// Linux's eBPF translation limits. Half the programs are made without
/// deliberate mistakes (most of those are valid; scratch reads and jumps can
/// still go wrong), the other half with them.
struct AlmostValidProgramGenerator {
    var random: SeededRandom
    /// Whether the program being made gets deliberate mistakes.
    var slips = true

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// The next program.
    mutating func next() -> Program {
        let roll = random.int(0...999)
        switch roll {
        case 0..<3: return Program([])
        case 3..<4: return Program((0...Program.maximumLength).map { _ in instruction(at: 0, length: 4097, written: 0xffff) })
        case 4..<9: return heavyProgram()
        case 9..<25: return program(length: random.int(513...Program.maximumLength))
        case 25..<200: return program(length: random.int(65...512))
        case 200..<450: return program(length: random.int(13...64))
        default: return program(length: random.int(1...12))
        }
    }

    /// A program of `length` instructions, ending (usually) in a return.
    mutating func program(length: Int) -> Program {
        var instructions: [Instruction] = []
        instructions.reserveCapacity(length)
        var written: UInt16 = 0
        slips = random.chance(50)
        for index in 0..<length {
            let instruction = index == length - 1 && !slip(7) ? returnInstruction()
                : self.instruction(at: index, length: length, written: written)
            if instruction.code == 0x02 || instruction.code == 0x03, instruction.k < 16 { written |= 1 << instruction.k }
            instructions.append(instruction)
        }
        return Program(instructions)
    }

    /// A long program made mostly of packet loads (up to 22 eBPF instructions
    /// each), with long `ja`s and jumps scattered through it: the cases where
    /// Linux's translation to eBPF runs out of jump offset.
    mutating func heavyProgram() -> Program {
        let length = random.int(1500...Program.maximumLength)
        var instructions: [Instruction] = []
        for index in 0..<(length - 1) {
            let remaining = length - index - 2
            switch random.int(0...99) {
            case 0..<35: instructions.append(.load([.word, .half, .byte][random.int(0...2)], absolute: UInt32(random.int(32768...70000))))
            case 35..<60: instructions.append(.loadXHeaderLength(UInt32(random.int(32768...40000))))
            case 60..<80: instructions.append(.load(.byte, indirect: UInt32(random.int(1...100))))
            case 80..<83: instructions.append(.jump(UInt32(random.int(max(0, remaining - 400)...remaining))))
            case 83..<86: instructions.append(.jump(UInt32(random.int(0...min(remaining, 3000)))))
            case 86..<92:
                let reach = min(remaining, 255)
                instructions.append(.jump(.jset, random.word(), true: UInt8(random.int(0...reach)), false: UInt8(random.int(0...reach))))
            default: instructions.append(.alu(.add, random.word()))
            }
        }
        instructions.append(returnInstruction())
        return Program(instructions)
    }

    /// True with probability `percent`/100 when the program gets mistakes.
    mutating func slip(_ percent: Double) -> Bool {
        slips && random.chance(percent)
    }

    mutating func returnInstruction() -> Instruction {
        random.chance(50) ? .return(random.chance(50) ? 0 : random.word()) : .returnA
    }

    /// One instruction at `index` of a program of `length`, where `written`
    /// holds the scratch words stored so far in program order.
    mutating func instruction(at index: Int, length: Int, written: UInt16) -> Instruction {
        let remaining = length - index - 2  // the largest in-range skip
        switch random.int((slips ? 0 : 30)...999) {
        case 0..<25: return Instruction(code: UInt16(random.int(0...0xff)), jt: UInt8(random.int(0...3)), jf: UInt8(random.int(0...3)), k: smallOrAny())
        case 25..<30: return Instruction(code: UInt16(random.int(0...0xffff)), k: smallOrAny())
        case 30..<200: return .load([.word, .half, .byte][random.int(0...2)], absolute: absoluteOffset())
        case 200..<250: return .load([.word, .half, .byte][random.int(0...2)], indirect: smallOrAny())
        case 250..<290: return random.chance(50) ? .loadImmediate(random.word()) : .loadXImmediate(random.word())
        case 290..<310: return random.chance(50) ? .loadLength : .loadXLength
        case 310..<370:
            let k = scratchIndex(reading: written)
            return random.chance(50) ? .loadScratch(k) : .loadXScratch(k)
        case 370..<430:
            let k = slip(4) ? UInt32(random.int(16...40)) : UInt32(random.int(0...15))
            return random.chance(50) ? .store(k) : .storeX(k)
        case 430..<460: return .loadXHeaderLength(smallOrAny())
        case 460..<620: return aluInstruction()
        case 620..<650: return [Instruction.tax, .txa, .negate][random.int(0...2)]
        case 650..<680: return returnInstruction()
        case 680..<740:
            guard remaining >= 0, !slip(7) else { return .jump(UInt32(max(0, remaining + random.int(1...3)))) }
            return .jump(UInt32(random.int(0...min(remaining, 40))))
        default:
            let op = [JumpOperation.jeq, .jgt, .jge, .jset][random.int(0...3)]
            let reach = max(0, min(remaining, 255))
            let jt = remaining >= 0 && !slip(3) ? random.int(0...min(reach, 12)) : min(255, reach + random.int(1...3))
            let jf = remaining >= 0 && !slip(3) ? (random.chance(40) ? 0 : random.int(0...min(reach, 12))) : min(255, reach + random.int(1...3))
            let k = random.chance(20) ? random.word() : UInt32(random.int(0...0x900))
            return random.chance(75) ? .jump(op, k, true: UInt8(jt), false: UInt8(jf)) : .jumpX(op, true: UInt8(jt), false: UInt8(jf))
        }
    }

    mutating func aluInstruction() -> Instruction {
        let op = ALUOperation.allCases.filter { $0 != .neg }[random.int(0...9)]
        if random.chance(30) { return .aluX(op) }
        switch op {
        case .div, .mod: return .alu(op, slip(10) ? 0 : UInt32(random.int(1...1000)))
        case .lsh, .rsh: return .alu(op, slip(12) ? UInt32(random.int(32...40)) | (random.chance(20) ? 0x8000_0000 : 0) : UInt32(random.int(0...31)))
        default: return .alu(op, smallOrAny())
        }
    }

    /// A scratch index to read: usually one stored before, sometimes any.
    mutating func scratchIndex(reading written: UInt16) -> UInt32 {
        let stored = (0..<16).filter { written & (1 << $0) != 0 }
        if !stored.isEmpty, random.chance(slips ? 85 : 97) { return UInt32(stored[random.int(0...stored.count - 1)]) }
        return slip(5) ? UInt32(random.int(16...100)) : UInt32(random.int(0...15))
    }

    /// Offsets for absolute loads: packet bytes, large and negative offsets,
    /// SKF_NET_OFF/SKF_LL_OFF ranges, Linux's ancillary offsets and near misses.
    mutating func absoluteOffset() -> UInt32 {
        switch random.int(0...(slips ? 99 : 73)) {
        case 0..<50: return UInt32(random.int(0...100))
        case 50..<60: return UInt32(random.int(100...70000))
        case 60..<74: return Ancillary.base + 4 * UInt32(random.int(0...15))
        case 74..<78: return Ancillary.base + UInt32(random.int(0...80))
        case 78..<81: return Ancillary.base + UInt32(random.int(0...0xfff))
        case 81..<85: return Ancillary.networkBase &+ UInt32(random.int(0...100))
        case 85..<89: return Ancillary.linkLayerBase &+ UInt32(random.int(0...100))
        case 89..<94: return random.word()
        default: return Ancillary.base &- UInt32(random.int(1...8))
        }
    }

    mutating func smallOrAny() -> UInt32 {
        random.chance(80) ? UInt32(random.int(0...64)) : random.word()
    }
}
