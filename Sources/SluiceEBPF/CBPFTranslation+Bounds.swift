import SluiceBytecode

/// Merged bounds checks for translated programs (the idea of cbpfc's
/// "guards"): a load checks, instead of its own end, the furthest end that
/// every path from it is sure to load before it can return a nonzero
/// value. If the frame is shorter, every such path would end with 0 at a
/// failed load anyway, so checking early gives the same result, and later
/// loads on the path need no check of their own.
extension CBPFTranslation {
    /// Per instruction: the end (bytes from the frame start) of constant
    /// loads that every path from it performs before a nonzero return.
    /// `Int.max` where every path returns 0 regardless.
    static func guaranteedEnds(_ program: Program) -> [Int] {
        var ends = [Int](repeating: 0, count: program.count + 1)
        for index in program.indices.reversed() {
            let instruction = program[index]
            func at(_ target: Int) -> Int { target < program.count ? ends[target] : 0 }
            switch instruction.instructionClass {
            case .ret:
                ends[index] = instruction.returnSource == .k && instruction.k == 0 ? .max : 0
            case .jmp:
                if instruction.jumpOperation == .ja {
                    ends[index] = Int(exactly: instruction.k).map { at(index + 1 + $0) } ?? 0
                } else {
                    ends[index] = min(at(index + 1 + Int(instruction.jt)), at(index + 1 + Int(instruction.jf)))
                }
            case .ld, .ldx:
                ends[index] = max(constantLoadEnd(instruction) ?? 0, at(index + 1))
            default:
                // A division by X == 0 or an IND load past the end returns 0: harmless.
                ends[index] = at(index + 1)
            }
        }
        return ends
    }

    /// The end of a packet load at a constant offset (`ABS`, `MSH`), if it is one.
    static func constantLoadEnd(_ instruction: Instruction) -> Int? {
        guard instruction.k < Ancillary.linkLayerBase, let size = instruction.loadSize else { return nil }
        switch (instruction.instructionClass, instruction.addressMode) {
        case (.ld, .abs): return Int(instruction.k) + size.byteCount
        case (.ldx, .msh): return Int(instruction.k) + 1
        default: return nil
        }
    }

    /// The instructions control can go to from `index`.
    func successors(of index: Int) -> [Int] {
        let instruction = program[index]
        switch instruction.instructionClass {
        case .ret: return []
        case .jmp where instruction.jumpOperation == .ja:
            return Int(exactly: instruction.k).map { [index + 1 + $0] } ?? []
        case .jmp: return [index + 1 + Int(instruction.jt), index + 1 + Int(instruction.jf)]
        default: return [index + 1]
        }
    }

    /// Loads `size` bytes at constant `offset`, checking the frame first when
    /// this path has not yet checked that far (then checking as far as every
    /// path from here will load).
    mutating func loadConstant(_ size: EBPFSize, offset: UInt32, into dst: EBPFRegister, at index: Int) {
        let end = Int(offset) + size.byteCount
        if end > checkedEnd {
            let target = max(end, guaranteedEnds[index])
            guard target <= XDPFrame.maximumOffset else {
                asm.emit(.ja(returnZero))  // every path fails a load: result 0
                return
            }
            XDPFrame.checkBounds(&asm, end: Int32(target), outOfBounds: returnZero)
            checkedEnd = target
        }
        asm.emit(.ldx(size, dst: dst, src: XDPFrame.data, off: Int16(offset)))
        XDPFrame.swapFromNetworkOrder(&asm, size, dst)
    }
}
