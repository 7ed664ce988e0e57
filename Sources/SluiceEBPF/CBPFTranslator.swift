import SluiceBytecode
import SluiceVerifier

/// Translates a classic BPF program into an XDP eBPF program with the same
/// result on every frame, as Linux's `bpf_convert_filter` does for socket
/// filters (and cloudflare's cbpfc for XDP): A and X become 32-bit
/// registers, M[] a stack area, packet loads direct packet accesses with
/// bounds checks.
///
/// Register mapping: A = w0, X = w8, M[k] = *(u32 *)(r10 - 64 + 4k),
/// data = r6, data_end = r7, r1/r2 scratch. Semantics follow Linux: a load
/// past the frame, an `IND` offset (X + k, 32-bit wrap) that is negative as
/// a signed 32-bit number, and division or modulo by X == 0 all end the
/// program with result 0; `len` is `data_end - data`.
public enum CBPFTranslator {
    /// The XDP program for `program`; `result` says what it returns.
    ///
    /// Throws, naming the instruction, for ancillary (`SKF_AD_*`) loads and
    /// `SKF_NET_OFF`/`SKF_LL_OFF`-relative loads, which XDP cannot express.
    ///
    /// `frameOffset` makes the classic program see the frame from that byte
    /// on (for a fixed outer header); `len` then excludes those bytes.
    public static func translate(_ program: VerifiedProgram, result: XDPResultMode = .report,
                                 frameOffset: UInt8 = 0) throws(CBPFTranslationError) -> EBPFProgram {
        try translate(instructions: program.program, result: result, frameOffset: frameOffset)
    }

    /// The translation of a program that has not been through the verifier.
    /// Anything the translator cannot follow is an error, never a trap.
    static func translate(instructions program: Program, result: XDPResultMode,
                          frameOffset: UInt8 = 0) throws(CBPFTranslationError) -> EBPFProgram {
        try assemble(try run(instructions: program, result: result, frameOffset: frameOffset))
    }

    /// The translation's statements, before label resolution.
    static func run(instructions program: Program, result: XDPResultMode,
                    frameOffset: UInt8) throws(CBPFTranslationError) -> CBPFTranslation {
        guard (1...Program.maximumLength).contains(program.count) else {
            throw CBPFTranslationError(instructionIndex: 0, instruction: nil, reason: .invalidLength)
        }
        var translation = CBPFTranslation(program: program, mode: result, frameOffset: frameOffset)
        try translation.run()
        return translation
    }

    static func assemble(_ translation: CBPFTranslation) throws(CBPFTranslationError) -> EBPFProgram {
        do {
            return try translation.asm.assemble()
        } catch {
            // Every label is bound and offsets are bounded by the program size.
            throw CBPFTranslationError(instructionIndex: 0, instruction: nil, reason: .jumpOutOfRange)
        }
    }
}

/// The state of one translation: the assembler and a label per classic instruction.
struct CBPFTranslation {
    static let a = EBPFRegister.r0
    static let x = EBPFRegister.r8

    let program: Program
    let mode: XDPResultMode
    let frameOffset: UInt8
    var asm = EBPFAssembler()
    var labels: [EBPFLabel] = []
    /// Where `ret a` and failed loads go (verdict modes share one epilogue).
    let returnA: EBPFLabel
    let returnZero: EBPFLabel
    /// See `guaranteedEnds`.
    let guaranteedEnds: [Int]
    /// Bytes every path to the current instruction has checked.
    var checkedEnd = 0
    /// Per instruction, the minimum `checkedEnd` over the paths into it.
    var incomingChecked: [Int]

    init(program: Program, mode: XDPResultMode, frameOffset: UInt8) {
        self.program = program
        self.mode = mode
        self.frameOffset = frameOffset
        returnA = asm.makeLabel("ret_a")
        returnZero = asm.makeLabel("ret_0")
        guaranteedEnds = Self.guaranteedEnds(program)
        incomingChecked = [Int](repeating: .max, count: program.count)
        labels = program.indices.map { _ in asm.makeLabel("cbpf") }
    }

    mutating func run() throws(CBPFTranslationError) {
        XDPFrame.prologue(&asm, frameOffset: frameOffset, outOfBounds: returnZero)
        asm.emit(.mov32(Self.a, imm: 0))
        asm.emit(.mov32(Self.x, imm: 0))
        // The classic verifier proves M[] is written before read; the kernel
        // verifier wants to see it, so the slots in use start at zero.
        for slot in usedScratchSlots { asm.emit(.st(.word, dst: .frame, off: Self.scratchOffset(slot), imm: 0)) }
        incomingChecked[0] = 0
        for (index, instruction) in program.enumerated() {
            asm.bind(labels[index])
            checkedEnd = incomingChecked[index] == .max ? 0 : incomingChecked[index]  // .max: unreachable
            try translate(instruction, at: index)
            for next in successors(of: index) where next < program.count {
                incomingChecked[next] = min(incomingChecked[next], checkedEnd)
            }
        }
        emitEpilogue()
    }

    /// Scratch slots any `st`/`stx`/`ld M[]`/`ldx M[]` names.
    var usedScratchSlots: [UInt32] {
        var used = Set<UInt32>()
        for instruction in program {
            switch (instruction.instructionClass, instruction.addressMode) {
            case (.st, _), (.stx, _), (.ld, .mem), (.ldx, .mem):
                if instruction.k < 16 { used.insert(instruction.k) }
            default: break
            }
        }
        return used.sorted()
    }

    static func scratchOffset(_ k: UInt32) -> Int16 { Int16(-64 + 4 * Int(k & 15)) }

    func error(_ index: Int, _ reason: CBPFTranslationError.Reason) -> CBPFTranslationError {
        CBPFTranslationError(instructionIndex: index, instruction: program[index], reason: reason)
    }

    func label(from index: Int, skip: Int) throws(CBPFTranslationError) -> EBPFLabel {
        let target = index + 1 + skip
        guard target < labels.count else { throw error(index, .jumpOutOfRange) }
        return labels[target]
    }

    mutating func translate(_ instruction: Instruction, at index: Int) throws(CBPFTranslationError) {
        switch instruction.instructionClass {
        case .ld, .ldx: try translateLoad(instruction, at: index)
        case .st: asm.emit(.stx(.word, dst: .frame, off: Self.scratchOffset(instruction.k), src: Self.a))
        case .stx: asm.emit(.stx(.word, dst: .frame, off: Self.scratchOffset(instruction.k), src: Self.x))
        case .alu: try translateALU(instruction, at: index)
        case .jmp: try translateJump(instruction, at: index)
        case .ret:
            switch instruction.returnSource {
            case .k: XDPFrame.returnConstant(&asm, result: instruction.k, mode: mode)
            case .a: asm.emit(.ja(returnA))
            case .x, nil: throw error(index, .unsupportedOpcode)
            }
        case .misc:
            switch instruction.miscOperation {
            case .tax: asm.emit(.mov32(Self.x, Self.a))
            case .txa: asm.emit(.mov32(Self.a, Self.x))
            case nil: throw error(index, .unsupportedOpcode)
            }
        }
        if index == program.count - 1, instruction.instructionClass != .ret {
            throw error(index, .missingReturn)
        }
    }

    mutating func translateJump(_ instruction: Instruction, at index: Int) throws(CBPFTranslationError) {
        guard let op = instruction.jumpOperation else { throw error(index, .unsupportedOpcode) }
        if op == .ja {
            guard let skip = Int(exactly: instruction.k), skip < labels.count else {
                throw error(index, .jumpOutOfRange)
            }
            asm.emit(.ja(try label(from: index, skip: skip)))
            return
        }
        let whenTrue = try label(from: index, skip: Int(instruction.jt))
        let whenFalse = try label(from: index, skip: Int(instruction.jf))
        let condition: EBPFJumpOperation
        switch op {
        case .jeq: condition = .jeq
        case .jgt: condition = .jgt
        case .jge: condition = .jge
        case .jset: condition = .jset
        case .ja: return
        }
        if instruction.jt == instruction.jf {
            if instruction.jt != 0 { asm.emit(.ja(whenTrue)) }
            return
        }
        // Fall through to the false branch when it is next; otherwise branch
        // on the negated test when the true branch is next.
        if instruction.jt == 0, let negated = condition.negated {
            emitCompare(negated, instruction, to: whenFalse)
            return
        }
        emitCompare(condition, instruction, to: whenTrue)
        if instruction.jf != 0 { asm.emit(.ja(whenFalse)) }
    }

    /// `if wA op (k | wX) goto target`: 32-bit compares are exactly cBPF's unsigned ones.
    mutating func emitCompare(_ op: EBPFJumpOperation, _ instruction: Instruction, to target: EBPFLabel) {
        if instruction.operandSource == .x {
            asm.emit(.jmp32(op, Self.a, Self.x, target))
        } else {
            asm.emit(.jmp32(op, Self.a, imm: Int32(bitPattern: instruction.k), target))
        }
    }

    mutating func emitEpilogue() {
        asm.bind(returnA)
        switch mode {
        case .raw:
            asm.emit(.exit)
            asm.bind(returnZero)
            XDPFrame.returnConstant(&asm, result: 0, mode: mode)
        case .verdict:
            asm.emit(.jmp32(.jeq, Self.a, imm: 0, returnZero))
            XDPFrame.returnConstant(&asm, result: 1, mode: mode)
            asm.bind(returnZero)
            XDPFrame.returnConstant(&asm, result: 0, mode: mode)
        }
    }
}
