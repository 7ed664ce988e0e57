import SluiceBytecode

/// A deliberately simple classic-BPF evaluator with Linux semantics, used
/// only to compare a program with its optimized form (both run here, so
/// its choices for metadata do not matter, only that it is deterministic).
/// Returns nil for a program that misbehaves (a jump out of range, a read
/// of unwritten scratch memory, an unknown opcode), which the tests treat
/// as a failure of whoever produced it.
enum ReferenceEvaluator {
    static func run(_ program: Program, packet: [UInt8], wireLength: Int? = nil) -> UInt32? {
        var a: UInt32 = 0, x: UInt32 = 0
        var memory = [UInt32?](repeating: nil, count: 16)
        var pc = 0
        let instructions = program.instructions
        func load(_ offset: Int64, _ size: Int) -> UInt32? {
            guard offset >= 0, offset + Int64(size) <= Int64(packet.count) else { return nil }
            var value: UInt32 = 0
            for index in Int(offset)..<Int(offset) + size { value = value << 8 | UInt32(packet[index]) }
            return value
        }
        while pc < instructions.count {
            let instruction = instructions[pc]
            let k = instruction.k
            pc += 1
            switch instruction.instructionClass {
            case .ld, .ldx:
                let value: UInt32
                switch instruction.addressMode {
                case .imm: value = k
                case .len: value = UInt32(wireLength ?? packet.count)
                case .mem:
                    guard k < 16, let stored = memory[Int(k)] else { return nil }
                    value = stored
                case .abs:
                    if let ancillary = Ancillary(loadOffset: k) {
                        switch ancillary {
                        case .aluXorX: value = a ^ x
                        default: value = 0x5a5a_0000 | ancillary.rawValue
                        }
                    } else {
                        guard let size = instruction.loadSize,
                              let loaded = load(k < 0x8000_0000 ? Int64(k) : -1, size.byteCount) else { return 0 }
                        value = loaded
                    }
                case .ind:
                    let offset = Int64(Int32(bitPattern: x &+ k))
                    guard let size = instruction.loadSize, let loaded = load(offset, size.byteCount) else { return 0 }
                    value = loaded
                case .msh:
                    guard let loaded = load(k < 0x8000_0000 ? Int64(k) : -1, 1) else { return 0 }
                    value = (loaded & 0xf) << 2
                case nil:
                    return nil
                }
                if instruction.instructionClass == .ld { a = value } else { x = value }
            case .st:
                guard k < 16 else { return nil }
                memory[Int(k)] = a
            case .stx:
                guard k < 16 else { return nil }
                memory[Int(k)] = x
            case .alu:
                let operand = instruction.operandSource == .x ? x : k
                switch instruction.aluOperation {
                case .add: a = a &+ operand
                case .sub: a = a &- operand
                case .mul: a = a &* operand
                case .div: if operand == 0 { return 0 }; a /= operand
                case .mod: if operand == 0 { return 0 }; a %= operand
                case .or: a |= operand
                case .and: a &= operand
                case .xor: a ^= operand
                case .lsh: a = operand < 32 ? a << operand : 0
                case .rsh: a = operand < 32 ? a >> operand : 0
                case .neg: a = 0 &- a
                case nil: return nil
                }
            case .jmp:
                guard let operation = instruction.jumpOperation else { return nil }
                if operation == .ja {
                    pc += Int(k)
                } else {
                    let operand = instruction.operandSource == .x ? x : k
                    let taken: Bool
                    switch operation {
                    case .jeq: taken = a == operand
                    case .jgt: taken = a > operand
                    case .jge: taken = a >= operand
                    default: taken = a & operand != 0
                    }
                    pc += Int(taken ? instruction.jt : instruction.jf)
                }
            case .ret:
                return instruction.returnSource == .a ? a : k
            case .misc:
                if instruction.code & 0xf8 == 0x80 { a = x } else { x = a }
            }
        }
        return nil
    }
}
