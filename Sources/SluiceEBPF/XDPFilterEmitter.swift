import SluiceCompiler

/// Emits the control flow of a filter (short-circuit `and`/`or`/`not` as
/// jumps to true/false labels) and its packet loads with bounds checks.
///
/// `facts` are what every path reaching the current point has proved (how
/// many bytes are checked, which fields equal or differ from which values);
/// a label's facts are the meet over the jumps to it. A check is emitted only
/// for a load past what all paths proved, and a field test whose answer is
/// known becomes a plain jump (`ip and tcp`: the EtherType is read once).
struct XDPFilterEmitter {
    var asm = EBPFAssembler()
    var facts = PathFacts()
    /// Whether the previous instruction can fall through to the next.
    private var fallsThrough = true { didSet { asm.discardsInstructions = !isLive } }
    /// False after a label that no jump and no fall-through reaches, until
    /// the next label some jump does reach.
    private(set) var reachable = true { didSet { asm.discardsInstructions = !isLive } }
    /// Whether some path reaches the current point: code emitted where none
    /// does is dropped (`EBPFAssembler.discardsInstructions`), and a filter
    /// part there is not generated at all. Every jump is forward (labels
    /// are bound after the jumps to them), so nothing reaches it later.
    var isLive: Bool { reachable && fallsThrough }
    /// The meet of the facts of the jumps so far to each label not yet bound.
    private var pendingFacts = PendingFacts()
    let outOfBounds: EBPFLabel
    /// Where the current primitive's headers are (after its encapsulation).
    var layout = XDPLayout([])
    /// The current primitive (for error messages).
    var primitive: Primitive?
    /// The first primitive that could not be generated, and why.
    var failure: XDPCodeGenerationError?
    /// Tests only: return this raw value when a load runs past the frame,
    /// so a test can tell "rejected by a load" from "no match".
    var outOfBoundsReturn: UInt32?

    init() {
        outOfBounds = asm.makeLabel("out_of_bounds")
    }

    mutating func program(for filter: Filter, mode: XDPResultMode) throws(XDPCodeGenerationError) -> (EBPFProgram, [SourceSpan?]) {
        let match = asm.makeLabel("match"), miss = asm.makeLabel("miss")
        XDPFrame.prologue(&asm, outOfBounds: outOfBounds)
        emit(filter, ifTrue: match, ifFalse: miss)
        asm.source = nil
        bind(match)
        XDPFrame.returnConstant(&asm, result: 1, mode: mode)
        if let outOfBoundsReturn {
            bindOutOfBounds()
            XDPFrame.returnConstant(&asm, result: outOfBoundsReturn, mode: .raw)
        }
        bind(miss)
        if outOfBoundsReturn == nil { bindOutOfBounds() }
        XDPFrame.returnConstant(&asm, result: 0, mode: mode)
        if let failure { throw failure }
        do {
            let assembled = try asm.assembleAnnotated()
            return (assembled.program, assembled.sources)
        } catch {
            throw .assembly(error)
        }
    }

    // MARK: control flow

    mutating func emit(_ filter: Filter, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        guard isLive else { return }
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
            asm.source = primitive.span
            self.primitive = primitive
            emitPrimitive(primitive, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    /// Records that the current primitive cannot be generated (the first
    /// reason is thrown at the end) and emits a plain jump in its place.
    mutating func unsupported(_ reason: String, ifFalse: EBPFLabel) {
        if failure == nil, let primitive { failure = .unsupported(primitive, reason: reason) }
        jump(to: ifFalse)
    }

    /// One part of a condition, emitted with its two targets.
    typealias Part = (inout XDPFilterEmitter, EBPFLabel, EBPFLabel) -> Void

    /// Every part, left to right (an empty list is true).
    mutating func all(_ parts: [Part], ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        guard let last = parts.last else { return jump(to: ifTrue) }
        for part in parts.dropLast() {
            let next = asm.makeLabel("and")
            part(&self, next, ifFalse)
            bind(next)
        }
        last(&self, ifTrue, ifFalse)
    }

    /// Any part, left to right (an empty list is false).
    mutating func any(_ parts: [Part], ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        guard let last = parts.last else { return jump(to: ifFalse) }
        for part in parts.dropLast() {
            let next = asm.makeLabel("or")
            part(&self, ifTrue, next)
            bind(next)
        }
        last(&self, ifTrue, ifFalse)
    }

    /// Left to right with short circuit, like libpcap's `gen_and`/`gen_or` chains.
    mutating func chain(_ operands: [Filter], ifTrue: EBPFLabel, ifFalse: EBPFLabel, isAnd: Bool) {
        if splitOnLeadingField(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: isAnd) { return }
        chainInOrder(operands, ifTrue: ifTrue, ifFalse: ifFalse, isAnd: isAnd)
    }

    /// `chain` without looking for a split (`XDPFilterEmitter+Split`).
    mutating func chainInOrder(_ operands: [Filter], ifTrue: EBPFLabel, ifFalse: EBPFLabel, isAnd: Bool) {
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

    /// `w0 &= mask`: r0 no longer holds a field as loaded.
    mutating func maskR0(_ mask: UInt32) {
        asm.emit(.alu32(.and, .r0, imm: Int32(bitPattern: mask)))
        facts.r0 = nil
    }

    /// `if w0 op imm goto whenTrue; goto whenFalse` (32-bit unsigned, as cBPF compares).
    mutating func test(_ op: EBPFJumpOperation, _ value: UInt32, whenTrue: EBPFLabel, whenFalse: EBPFLabel) {
        emitJump(.jmp32(op, .r0, imm: Int32(bitPattern: value), whenTrue), to: whenTrue)
        jump(to: whenFalse)
    }

    /// `goto label`; the target inherits `facts` (default: the current ones).
    mutating func jump(to label: EBPFLabel, with facts: PathFacts? = nil) {
        emitJump(.ja(label), to: label, with: facts)
        fallsThrough = false
    }

    /// Emits a jump and records the facts its target inherits (nothing when
    /// no path reaches this point: dead code must not weaken a label's facts).
    mutating func emitJump(_ instruction: EBPFInstruction, to label: EBPFLabel, with facts: PathFacts? = nil) {
        guard isLive else { return }
        asm.emit(instruction)
        let carried = facts ?? self.facts
        pendingFacts.add(carried, to: label)
        fallsThrough = true
    }

    mutating func bind(_ label: EBPFLabel) {
        let incoming = pendingFacts.take(label)
        switch (fallsThrough && reachable, incoming) {
        case (true, let incoming?): facts.formMeet(incoming)
        case (false, let incoming?): facts = incoming
        case (true, nil): break
        case (false, nil): reachable = false  // dead code: the assembler drops it
        }
        if incoming != nil { reachable = true }
        fallsThrough = true
        asm.bind(label)
    }

    /// Binds `outOfBounds`, which the bounds checks jump to directly (not
    /// through `emitJump`): reached, with nothing known.
    private mutating func bindOutOfBounds() {
        bind(outOfBounds)
        facts = PathFacts()
        reachable = true
        fallsThrough = true
    }

    /// `(size bytes at position) & mask == value`: with facts where the position is constant.
    mutating func fieldEquals(_ size: EBPFSize, at position: XDPPosition, _ value: UInt32, mask: UInt32 = 0xffff_ffff,
                              ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        if position.slot == nil, mask == 0xffff_ffff, position.offset + size.byteCount <= XDPFrame.maximumOffset {
            return fieldEquals(size, at: position.offset, value, ifTrue: ifTrue, ifFalse: ifFalse)
        }
        load(size, at: position)
        if mask != 0xffff_ffff { maskR0(mask) }
        test(.jeq, value & mask, whenTrue: ifTrue, whenFalse: ifFalse)
    }

    /// `jop` on the field at `position` (e.g. `.jgt` 1500, `.jset` 1).
    mutating func fieldTest(_ size: EBPFSize, at position: XDPPosition, _ op: EBPFJumpOperation, _ value: UInt32,
                            ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        load(size, at: position)
        test(op, value, whenTrue: ifTrue, whenFalse: ifFalse)
    }

    /// `size` bytes at `offset` equal `value`: a jump when this path already
    /// knows the answer, else a load and a test whose two targets learn it.
    mutating func fieldEquals(_ size: EBPFSize, at offset: Int, _ value: UInt32,
                              ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let field = PathFacts.Field(offset: offset, size: size.byteCount)
        if let known = facts.value(of: field) { return jump(to: known == value ? ifTrue : ifFalse) }
        if facts.excludes(field, value) { return jump(to: ifFalse) }
        load(size, at: offset)
        var equal = facts, different = facts
        equal.learn(field, equals: value)
        different.exclude(field, value)
        emitJump(.jmp32(.jeq, .r0, imm: Int32(bitPattern: value), ifTrue), to: ifTrue, with: equal)
        jump(to: ifFalse, with: different)
    }

    // MARK: packet access

    /// `w0 = size bytes at offset` (big-endian), checking the frame only
    /// when no earlier check on every path covers `offset + size`.
    mutating func load(_ size: EBPFSize, at offset: Int, into register: EBPFRegister = .r0) {
        let field = PathFacts.Field(offset: offset, size: size.byteCount)
        if register == .r0, facts.r0 == field { return }  // already there on every path
        defer { if register == .r0 { facts.r0 = field } }
        let end = offset + size.byteCount
        if end > facts.safeEnd {
            XDPFrame.checkBounds(&asm, end: Int32(end), outOfBounds: outOfBounds)
            facts.safeEnd = end
        }
        asm.emit(.ldx(size, dst: register, src: XDPFrame.data, off: Int16(offset)))
        XDPFrame.swapFromNetworkOrder(&asm, size, register)
    }

    /// `w0 = size bytes at r9 + offset`, where r9 is the packet pointer to
    /// the IPv4 header plus 4 × IHL (`facts.transport`); checked only past
    /// what every path has checked from r9.
    mutating func loadRelative(_ size: EBPFSize, at offset: Int) {
        facts.r0 = nil
        let end = offset + size.byteCount
        if let transport = facts.transport, end > transport.checked {
            asm.emit(.mov64(.r2, XDPFrame.transport))
            asm.emit(.alu64(.add, .r2, imm: Int32(end)))
            asm.emit(.jmp(.jgt, .r2, XDPFrame.dataEnd, outOfBounds))
            facts.transport?.checked = end
        }
        asm.emit(.ldx(size, dst: .r0, src: XDPFrame.transport, off: Int16(offset)))
        XDPFrame.swapFromNetworkOrder(&asm, size, .r0)
    }

    /// `(size bytes at position) & mask != 0` goes to `ifSet`, else `ifClear`;
    /// a jump when this path already knows, and both targets learn it.
    mutating func fieldBits(_ size: EBPFSize, at position: XDPPosition, _ mask: UInt32,
                            ifSet: EBPFLabel, ifClear: EBPFLabel) {
        guard position.slot == nil, position.offset + size.byteCount <= XDPFrame.maximumOffset else {
            return fieldTest(size, at: position, .jset, mask, ifTrue: ifSet, ifFalse: ifClear)
        }
        let bits = PathFacts.Bits(field: PathFacts.Field(offset: position.offset, size: size.byteCount), mask: mask)
        if let isSet = facts.isSet(bits) { return jump(to: isSet ? ifSet : ifClear) }
        load(size, at: position.offset)
        var set = facts, clear = facts
        set.learn(bits, isSet: true)
        clear.learn(bits, isSet: false)
        emitJump(.jmp32(.jset, .r0, imm: Int32(bitPattern: mask), ifSet), to: ifSet, with: set)
        jump(to: ifClear, with: clear)
    }
}
