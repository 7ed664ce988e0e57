import SluiceBytecode

extension Optimizer {
    /// A classic BPF register the optimizer tracks by value.
    enum Register: Hashable, Sendable {
        case a, x
    }
}

extension Optimizer {
    /// Where a load takes its value from (`BPF_MODE` plus its operand).
    enum Source: Hashable, Sendable {
        /// `ld #k` / `ldx #k`.
        case constant(UInt32)
        /// `ld [k]` for a packet offset (below `SKF_AD_OFF`).
        case packet(LoadSize, UInt32)
        /// `ld [x + k]`.
        case indirect(LoadSize, UInt32)
        /// `ld M[i]` / `ldx M[i]`.
        case memory(Int)
        /// `ld #len` / `ldx #len`: the wire length.
        case length
        /// `ldxb 4*([k]&0xf)`.
        case headerLength(UInt32)
        /// `ld [SKF_AD_OFF + n]`: packet metadata (or, for some `n`, an
        /// operation). Linux ignores the size; it is kept as written.
        case ancillary(LoadSize, UInt32)
    }
}

extension Optimizer {
    /// The right operand of an ALU operation or a conditional jump.
    enum Operand: Hashable, Sendable {
        case constant(UInt32)
        case x
    }
}

extension Optimizer {
    /// One straight-line (non-jump, non-return) instruction, decoded so passes
    /// never look at raw opcode bits.
    enum Step: Hashable, Sendable {
        /// `ld*` into A or X.
        case load(Register, Source)
        /// `st M[i]` (A) or `stx M[i]` (X).
        case store(Register, Int)
        /// `A = A op operand`; `neg` carries the constant 0.
        case alu(ALUOperation, Operand)
        /// `tax` (to X) or `txa` (to A).
        case transfer(to: Register)
    }
}

extension Optimizer {
    /// A conditional jump's test: `A op operand`.
    struct Test: Hashable, Sendable {
        var operation: JumpOperation
        var operand: Operand
    }
}

extension Optimizer {
    /// How a basic block ends.
    enum Exit: Hashable, Sendable {
        /// `ret #k`.
        case returnConstant(UInt32)
        /// `ret a`.
        case returnA
        /// `ja` (or falling through) to a block.
        case jump(Int)
        /// A conditional jump to one of two blocks.
        case branch(Test, whenTrue: Int, whenFalse: Int)

        /// The blocks control may go to next.
        var successors: [Int] {
            switch self {
            case .returnConstant, .returnA: []
            case .jump(let target): [target]
            case .branch(_, let t, let f): [t, f]
            }
        }

        /// The same exit with every target passed through `map`.
        func retargeted(_ map: (Int) -> Int) -> Exit {
            switch self {
            case .returnConstant, .returnA: self
            case .jump(let target): .jump(map(target))
            case .branch(let test, let t, let f): .branch(test, whenTrue: map(t), whenFalse: map(f))
            }
        }

        /// True for the two return forms.
        var isReturn: Bool {
            switch self {
            case .returnConstant, .returnA: true
            default: false
            }
        }
    }
}

extension Optimizer.Step {
    /// Decodes a straight-line instruction; nil for jumps, returns and
    /// encodings the optimizer does not model (it then leaves the program alone).
    init?(_ instruction: Instruction) {
        let k = instruction.k
        switch instruction.instructionClass {
        case .ld:
            guard let mode = instruction.addressMode, let size = instruction.loadSize else { return nil }
            switch mode {
            case .imm where size == .word: self = .load(.a, .constant(k))
            case .abs where k >= Ancillary.base: self = .load(.a, .ancillary(size, k))
            case .abs where k < Ancillary.base: self = .load(.a, .packet(size, k))
            case .ind: self = .load(.a, .indirect(size, k))
            case .mem where size == .word && k < 16: self = .load(.a, .memory(Int(k)))
            case .len where size == .word: self = .load(.a, .length)
            default: return nil
            }
        case .ldx:
            guard let mode = instruction.addressMode, let size = instruction.loadSize else { return nil }
            switch (mode, size) {
            case (.imm, .word): self = .load(.x, .constant(k))
            case (.mem, .word) where k < 16: self = .load(.x, .memory(Int(k)))
            case (.len, .word): self = .load(.x, .length)
            case (.msh, .byte): self = .load(.x, .headerLength(k))
            default: return nil
            }
        case .st, .stx:
            guard instruction.code & ~0x07 == 0, k < 16 else { return nil }
            self = .store(instruction.instructionClass == .st ? .a : .x, Int(k))
        case .alu:
            guard let op = instruction.aluOperation, instruction.code & 0x07 == 0x04 else { return nil }
            if op == .neg {
                guard instruction.operandSource == .k else { return nil }
                self = .alu(.neg, .constant(0))
            } else if instruction.operandSource == .x {
                self = .alu(op, .x)
            } else {
                guard !((op == .div || op == .mod) && k == 0) else { return nil }
                self = .alu(op, .constant(k))
            }
        case .misc:
            switch instruction.code {
            case InstructionClass.misc.rawValue | MiscOperation.tax.rawValue: self = .transfer(to: .x)
            case InstructionClass.misc.rawValue | MiscOperation.txa.rawValue: self = .transfer(to: .a)
            default: return nil
            }
        case .jmp, .ret:
            return nil
        }
    }

    /// The instruction this step encodes to.
    var instruction: Instruction {
        switch self {
        case .load(.a, let source):
            switch source {
            case .constant(let k): .loadImmediate(k)
            case .packet(let size, let k): .load(size, absolute: k)
            case .indirect(let size, let k): .load(size, indirect: k)
            case .memory(let i): .loadScratch(UInt32(i))
            case .length: .loadLength
            case .headerLength(let k): .loadXHeaderLength(k)  // not produced for A
            case .ancillary(let size, let k): .load(size, absolute: k)
            }
        case .load(.x, let source):
            switch source {
            case .constant(let k): .loadXImmediate(k)
            case .memory(let i): .loadXScratch(UInt32(i))
            case .length: .loadXLength
            case .headerLength(let k): .loadXHeaderLength(k)
            default: .loadXImmediate(0)  // not produced: decoding never makes X packet loads
            }
        case .store(.a, let i): .store(UInt32(i))
        case .store(.x, let i): .storeX(UInt32(i))
        case .alu(.neg, _): .negate
        case .alu(let op, .constant(let k)): .alu(op, k)
        case .alu(let op, .x): .aluX(op)
        case .transfer(to: .x): .tax
        case .transfer(to: .a): .txa
        }
    }
}

extension Optimizer.Test {
    /// Decodes a conditional jump's test; nil for `ja` and unmodelled encodings.
    init?(_ instruction: Instruction) {
        guard instruction.instructionClass == .jmp, let op = instruction.jumpOperation, op != .ja,
              instruction.code & 0x07 == 0x05 else { return nil }
        operation = op
        operand = instruction.operandSource == .x ? .x : .constant(instruction.k)
    }

    /// The jump instruction for this test with the given offsets.
    func instruction(true jt: UInt8, false jf: UInt8) -> Instruction {
        switch operand {
        case .constant(let k): .jump(operation, k, true: jt, false: jf)
        case .x: .jumpX(operation, true: jt, false: jf)
        }
    }

    /// The outcome of this test on concrete values.
    static func evaluate(_ operation: JumpOperation, _ a: UInt32, _ b: UInt32) -> Bool {
        switch operation {
        case .ja: true
        case .jeq: a == b
        case .jgt: a > b
        case .jge: a >= b
        case .jset: a & b != 0
        }
    }
}
