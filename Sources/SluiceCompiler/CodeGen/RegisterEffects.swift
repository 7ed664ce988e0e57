import SluiceBytecode

/// What a straight-line statement list reads and writes, for the graph
/// simplifications: a list is *keyable* when it is a pure function of the
/// packet (no scratch, no register read before it is written), so two
/// identical keyable lists leave identical A and X.
struct RegisterEffects {
    private(set) var readsBeforeWrite = false
    private(set) var touchesScratch = false
    private(set) var writesA = false
    private(set) var writesX = false
    /// The last instruction that set X, when it is a pure packet load (`ldx #k`, `ldxb 4*([k]&0xf)`, `ldx #len`).
    private(set) var lastXLoad: Instruction?
    private(set) var xChangedAfterLoad = false

    init(_ statements: [Instruction], jumpReadsX: Bool = false) {
        for instruction in statements { apply(instruction) }
        if jumpReadsX && !writesX { readsBeforeWrite = true }
    }

    /// A pure function of the packet: equal lists leave equal registers.
    var isKeyable: Bool { !readsBeforeWrite && !touchesScratch }

    /// Reads no register or scratch word it did not write itself.
    var isIndependent: Bool { !readsBeforeWrite }

    private mutating func readA() { if !writesA { readsBeforeWrite = true } }
    private mutating func readX() { if !writesX { readsBeforeWrite = true } }

    private mutating func setX(pure instruction: Instruction?) {
        writesX = true
        lastXLoad = instruction
    }

    private mutating func apply(_ instruction: Instruction) {
        switch instruction.instructionClass {
        case .ld:
            switch instruction.addressMode {
            case .ind: readX()
            case .mem: touchesScratch = true
            default: break
            }
            writesA = true
        case .ldx:
            if instruction.addressMode == .mem {
                touchesScratch = true
                setX(pure: nil)
            } else {
                setX(pure: instruction)
            }
        case .st:
            readA()
            touchesScratch = true
        case .stx:
            readX()
            touchesScratch = true
        case .alu:
            readA()
            if instruction.operandSource == .x && instruction.aluOperation != .neg { readX() }
            writesA = true
        case .misc:
            if instruction.miscOperation == .tax {
                readA()
                setX(pure: nil)
            } else {
                readX()
                writesA = true
            }
        case .jmp, .ret:
            break
        }
    }
}
