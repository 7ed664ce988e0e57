import SluiceCompiler

/// Emits the control flow of a filter (short-circuit `and`/`or`/`not` as
/// jumps to true/false labels) and its packet loads with bounds checks.
///
/// `safeEnd` is how many bytes from `data` every path reaching the current
/// point has already checked; a label's value is the minimum over the jumps
/// to it, so a check is emitted only for a load past what all paths proved.
struct XDPFilterEmitter {
    var asm = EBPFAssembler()
    private(set) var safeEnd = 0
    /// Whether the previous instruction can fall through to the next.
    private var fallsThrough = true
    private var pendingSafeEnd: [EBPFLabel: Int] = [:]
    let outOfBounds: EBPFLabel
    /// Bytes of 802.1Q tags before the current primitive's EtherType.
    var linkShift = 0

    init() {
        outOfBounds = asm.makeLabel("out_of_bounds")
    }

    mutating func program(for filter: Filter, mode: XDPResultMode) throws(XDPCodeGenerationError) -> EBPFProgram {
        for primitive in filter.primitives {
            if let reason = Self.unsupportedReason(primitive) { throw .unsupported(primitive, reason: reason) }
        }
        let match = asm.makeLabel("match"), miss = asm.makeLabel("miss")
        XDPFrame.prologue(&asm, outOfBounds: outOfBounds)
        emit(filter, ifTrue: match, ifFalse: miss)
        bind(match)
        XDPFrame.returnConstant(&asm, result: 1, mode: mode)
        bind(miss)
        bind(outOfBounds)
        XDPFrame.returnConstant(&asm, result: 0, mode: mode)
        do {
            return try asm.assemble()
        } catch {
            throw .assembly(error)
        }
    }

    // MARK: control flow

    mutating func emit(_ filter: Filter, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        switch filter {
        case .constant(let value):
            jump(to: value ? ifTrue : ifFalse)
        case .not(let operand):
            emit(operand, ifTrue: ifFalse, ifFalse: ifTrue)
        case .and(let operands):
            chain(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: true)
        case .or(let operands):
            chain(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: false)
        case .primitive(let primitive):
            linkShift = 4 * primitive.encapsulation.layers.count  // only vlan layers get here
            emitAtom(primitive.atom, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    /// Left to right with short circuit, like libpcap's `gen_and`/`gen_or` chains.
    mutating func chain(_ operands: [Filter], ifTrue: EBPFLabel, ifFalse: EBPFLabel, isAnd: Bool) {
        guard let last = operands.last else {
            jump(to: isAnd ? ifTrue : ifFalse)  // empty and: true; empty or: false
            return
        }
        for operand in operands.dropLast() {
            let next = asm.makeLabel(isAnd ? "and" : "or")
            if isAnd { emit(operand, ifTrue: next, ifFalse: ifFalse) } else { emit(operand, ifTrue: ifTrue, ifFalse: next) }
            bind(next)
        }
        emit(last, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// `if w0 op imm goto whenTrue; goto whenFalse` (32-bit unsigned, as cBPF compares).
    mutating func test(_ op: EBPFJumpOperation, _ value: UInt32, whenTrue: EBPFLabel, whenFalse: EBPFLabel) {
        emitJump(.jmp32(op, .r0, imm: Int32(bitPattern: value), whenTrue), to: whenTrue)
        jump(to: whenFalse)
    }

    mutating func jump(to label: EBPFLabel) {
        emitJump(.ja(label), to: label)
        fallsThrough = false
    }

    /// Emits a jump and records the checked length its target inherits.
    mutating func emitJump(_ instruction: EBPFInstruction, to label: EBPFLabel) {
        asm.emit(instruction)
        pendingSafeEnd[label] = min(pendingSafeEnd[label] ?? .max, safeEnd)
        fallsThrough = true
    }

    mutating func bind(_ label: EBPFLabel) {
        let incoming = pendingSafeEnd[label] ?? .max
        safeEnd = fallsThrough ? min(safeEnd, incoming) : (incoming == .max ? 0 : incoming)
        fallsThrough = true
        asm.bind(label)
    }

    // MARK: packet access

    /// `w0 = size bytes at offset` (big-endian), checking the frame only
    /// when no earlier check on every path covers `offset + size`.
    mutating func load(_ size: EBPFSize, at offset: Int, into register: EBPFRegister = .r0) {
        let end = offset + size.byteCount
        if end > safeEnd {
            XDPFrame.checkBounds(&asm, end: Int32(end), outOfBounds: outOfBounds)
            pendingSafeEnd[outOfBounds] = 0
            safeEnd = end
        }
        asm.emit(.ldx(size, dst: register, src: XDPFrame.data, off: Int16(offset)))
        XDPFrame.swapFromNetworkOrder(&asm, size, register)
    }

    /// `w0 = size bytes at r1 + offset`, where r1 is a packet pointer with a
    /// variable part (the transport header); always checked, since the
    /// variable part is not tracked across primitives.
    mutating func loadRelative(_ size: EBPFSize, at offset: Int) {
        asm.emit(.mov64(.r2, .r1))
        asm.emit(.alu64(.add, .r2, imm: Int32(offset + size.byteCount)))
        asm.emit(.jmp(.jgt, .r2, XDPFrame.dataEnd, outOfBounds))
        asm.emit(.ldx(size, dst: .r0, src: .r1, off: Int16(offset)))
        XDPFrame.swapFromNetworkOrder(&asm, size, .r0)
    }
}
