/// A disassembler whose text reads like `bpftool prog dump xlated` (the
/// kernel's `kernel/bpf/disasm.c`): one line per instruction, numbered in
/// slots, `(code) text`, with jump offsets as `pc+N`.
extension EBPFProgram: CustomStringConvertible {
    /// One line per instruction (the second slot of a `lddw` has no line),
    /// `"   0: (61) r2 = *(u32 *)(r1 +4)"`.
    public var listing: [String] {
        var lines: [String] = []
        var index = 0
        while index < instructions.count {
            let instruction = instructions[index]
            let next = index + 1 < instructions.count ? instructions[index + 1] : nil
            let number = String(index)
            let padded = String(repeating: " ", count: max(0, 4 - number.count)) + number
            lines.append("\(padded): " + instruction.text(nextSlot: next))
            index += instruction.slotCount
        }
        return lines
    }

    /// The whole listing, each line ending with a newline.
    public var description: String {
        listing.map { $0 + "\n" }.joined()
    }
}

extension EBPFInstruction: CustomStringConvertible {
    /// This slot alone in bpftool's syntax (a `lddw` shows only its low half).
    public var description: String { text(nextSlot: nil) }

    /// bpftool's text for this instruction; `nextSlot` is the upper half of a `lddw`.
    func text(nextSlot: EBPFInstruction?) -> String {
        "(\(hex(code, width: 2))) " + body(nextSlot: nextSlot)
    }

    private func register(_ raw: UInt8, wide: Bool) -> String { wide ? "r\(raw)" : "w\(raw)" }

    private func body(nextSlot: EBPFInstruction?) -> String {
        switch instructionClass {
        case .alu, .alu64: return aluText(wide: instructionClass == .alu64)
        case .jmp, .jmp32: return jumpText(wide: instructionClass == .jmp)
        case .ldx where mode == .mem:
            return "r\(dst) = *(\(size.typeName) *)(r\(src) \(signed(offset)))"
        case .stx where mode == .mem:
            return "*(\(size.typeName) *)(r\(dst) \(signed(offset))) = r\(src)"
        case .st where mode == .mem:
            return "*(\(size.typeName) *)(r\(dst) \(signed(offset))) = \(imm)"
        case .ld where isWideLoad:
            let high = UInt64(UInt32(bitPattern: nextSlot?.imm ?? 0))
            let low = UInt64(UInt32(bitPattern: imm))
            switch EBPFPseudo(rawValue: src) {
            case .mapFD: return "r\(dst) = map[fd:\(imm)]"
            case .mapValue: return "r\(dst) = map[fd:\(imm)][0]+\(high)"
            default: return "r\(dst) = 0x" + String(high << 32 | low, radix: 16)
            }
        case .ld where mode == .abs:
            return "r0 = *(\(size.typeName) *)skb[\(imm)]"
        case .ld where mode == .ind:
            return "r0 = *(\(size.typeName) *)skb[r\(src) + \(imm)]"
        default:
            return "BUG_\(hex(code, width: 2))"
        }
    }

    private func aluText(wide: Bool) -> String {
        guard let op = aluOperation else { return "BUG_alu_\(hex(code, width: 2))" }
        let d = register(dst, wide: wide)
        switch op {
        case .end:
            let kind = wide ? "bswap" : (source == .x ? "be" : "le")
            return "r\(dst) = \(kind)\(imm) r\(dst)"
        case .neg:
            return "\(d) = -\(d)"
        default:
            let operand = source == .x ? register(src, wide: wide) : String(imm)
            return "\(d) \(op.symbol) \(operand)"
        }
    }

    private func jumpText(wide: Bool) -> String {
        guard let op = jumpOperation else { return "BUG_jmp_\(hex(code, width: 2))" }
        switch op {
        case .ja: return wide ? "goto pc\(signed(offset))" : "gotol pc\(signed(imm))"  // gotol: BPF_JMP32 | BPF_JA
        case .exit: return "exit"
        case .call: return "call \(EBPFHelper(rawValue: imm))"
        default:
            let operand = source == .x ? register(src, wide: wide)
                                       : "0x" + String(UInt32(bitPattern: imm), radix: 16)
            let destination = target.map { " <\($0)>" } ?? ""
            return "if \(register(dst, wide: wide)) \(op.symbol ?? "?") \(operand) goto pc\(signed(offset))\(destination)"
        }
    }

    private func signed<Value: BinaryInteger>(_ value: Value) -> String { value < 0 ? "\(value)" : "+\(value)" }
}

/// Lower-case hexadecimal, zero-padded to `width` digits.
func hex<T: BinaryInteger>(_ value: T, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
