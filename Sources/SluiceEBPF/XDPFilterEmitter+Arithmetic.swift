import SluiceCompiler

/// Relations over arithmetic (`gen_relation`, `gen_arth`, `gen_load`), as
/// Sluice's cBPF generator lowers them (`ArithmeticCode`): first the
/// protocol each loaded layer requires (once per layer, in order), then
/// both sides, then an unsigned 32-bit compare. Division or modulo by a
/// value that is 0 at run time rejects the frame; shifts by 32 or more
/// take the count modulo 32, as Linux runs cBPF's `lsh x`.
extension XDPFilterEmitter {
    /// Registers for intermediate values (r0 keeps its cached field; r1/r2
    /// are the loads' scratch; r6/r7 the frame; r9 the transport header).
    /// Deeper values are spilled to stack slots.
    static let arithmeticRegisters: [EBPFRegister] = [.r3, .r4, .r5, .r8]

    mutating func comparison(_ lhs: ArithmeticExpression, _ relation: Relation, _ rhs: ArithmeticExpression,
                             ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        var seen: Set<PacketLayer> = []
        var guards: [Part] = []
        for load in lhs.loads + rhs.loads where load.layer != .link && !seen.contains(load.layer) {
            seen.insert(load.layer)
            let layer = load.layer
            guards.append { $0.layerGuard(layer, ifTrue: $1, ifFalse: $2) }
        }
        guards.append { emitter, t, f in emitter.compare(lhs, relation, rhs, ifTrue: t, ifFalse: f) }
        all(guards, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    private mutating func compare(_ lhs: ArithmeticExpression, _ relation: Relation, _ rhs: ArithmeticExpression,
                                  ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let left = Self.arithmeticRegisters[0], right = Self.arithmeticRegisters[1]
        guard evaluate(lhs, depth: 0) else { return }
        var constant: UInt32?
        if case .constant(let k) = rhs { constant = k } else if !evaluate(rhs, depth: 1) { return }
        let op: EBPFJumpOperation = switch relation {
        case .equal: .jeq
        case .notEqual: .jne
        case .less: .jlt
        case .lessOrEqual: .jle
        case .greater: .jgt
        case .greaterOrEqual: .jge
        }
        if let constant {
            emitJump(.jmp32(op, left, imm: Int32(bitPattern: constant), ifTrue), to: ifTrue)
        } else {
            emitJump(.jmp32(op, left, right, ifTrue), to: ifTrue)
        }
        jump(to: ifFalse)
    }

    /// The protocol a load from `layer` requires (`gen_load`'s `inst->b`).
    private mutating func layerGuard(_ layer: PacketLayer, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let nl = network
        switch layer {
        case .link:
            jump(to: ifTrue)
        case .icmp6:
            all([{ $0.linkProtocol(0x86dd, ifTrue: $1, ifFalse: $2) },
                 { $0.fieldEquals(.byte, at: nl + 6, 58, ifTrue: $1, ifFalse: $2) }], ifTrue: ifTrue, ifFalse: ifFalse)
        case .tcp, .udp, .icmp, .igmp, .igrp, .pim, .vrrp, .carp, .sctp:
            let number = UInt32(layer.ipProtocol ?? 0)
            all([{ $0.linkProtocol(0x0800, ifTrue: $1, ifFalse: $2) },
                 { $0.fieldEquals(.byte, at: nl + 9, number, ifTrue: $1, ifFalse: $2) },
                 { $0.ipv4FirstFragment(ifTrue: $1, ifFalse: $2) }], ifTrue: ifTrue, ifFalse: ifFalse)
        default:
            guard let type = layer.linkProtocol else { return jump(to: ifTrue) }
            linkProtocol(type, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    /// The register holding the value at `depth` (nil: spilled, computed in
    /// the last register and stored).
    private static func register(_ depth: Int) -> EBPFRegister? {
        depth < arithmeticRegisters.count ? arithmeticRegisters[depth] : nil
    }

    /// Computes `expression` into `arithmeticRegisters[min(depth, last)]`
    /// (32 bits); false (and the reason recorded) when it cannot.
    @discardableResult
    mutating func evaluate(_ expression: ArithmeticExpression, depth: Int) -> Bool {
        let last = Self.arithmeticRegisters.count - 1
        let target = Self.arithmeticRegisters[min(depth, last)]
        switch expression {
        case .constant(let value):
            asm.emit(.mov32(target, imm: Int32(bitPattern: value)))
        case .length:
            // data_end - data: the frame's length, as the translator's `len`.
            asm.emit(.mov64(target, XDPFrame.dataEnd))
            asm.emit(.alu64(.sub, target, XDPFrame.data))
        case .load(let layer, let offset, let size):
            return arithmeticLoad(layer, offset, size, into: target, depth: depth)
        case .binary(let op, let lhs, let rhs):
            guard evaluate(lhs, depth: depth) else { return false }
            if case .constant(let k) = rhs, op.acceptsImmediate(k) {
                asm.emit(.alu32(EBPFALUOperation(op.aluOperation), target, imm: Int32(bitPattern: k)))
                return true
            }
            let operand: EBPFRegister
            if depth + 1 <= last {
                guard evaluate(rhs, depth: depth + 1) else { return false }
                operand = Self.arithmeticRegisters[depth + 1]
            } else {
                // Out of registers: spill the left value, compute the right in
                // the same register, move it to r0, reload the left.
                let spill = depth - last
                guard spill < XDPLayout.maximumSpills else {
                    unsupported("arithmetic nested too deeply", ifFalse: outOfBounds)
                    return false
                }
                store(target, toSlot: XDPLayout.spillSlot(spill))
                guard evaluate(rhs, depth: depth + 1) else { return false }
                asm.emit(.mov32(.r0, target))
                facts.r0 = nil
                loadSlot(XDPLayout.spillSlot(spill), into: target)
                operand = .r0
            }
            if op == .divide || op == .modulo {
                // cBPF: division by zero rejects the frame.
                emitJump(.jmp32(.jeq, operand, imm: 0, outOfBounds), to: outOfBounds)
            }
            asm.emit(.alu32(EBPFALUOperation(op.aluOperation), target, operand))
        case .negate(let operand):
            guard evaluate(operand, depth: depth) else { return false }
            asm.emit(.neg32(target))
        }
        return true
    }

    /// `proto[offset : size]` into `target`: at the frame start (`ether`),
    /// the network header, behind a fixed IPv6 header (`icmp6`) or behind the
    /// IPv4 header (transport layers).
    private mutating func arithmeticLoad(_ layer: PacketLayer, _ offset: ArithmeticExpression, _ size: Int,
                                         into target: EBPFRegister, depth: Int) -> Bool {
        let width: EBPFSize = size == 4 ? .word : size == 2 ? .half : .byte
        let isTransport = layer.ipProtocol != nil && layer != .icmp6
        let base: XDPPosition = layer == .link ? layout.frameStart : layer == .icmp6 ? network + 40 : network
        if case .constant(let k) = offset, !isTransport {
            load(width, at: base + Int(k), into: target)
            return true
        }
        if case .constant(let k) = offset {
            transportStart(into: target)
            loadIndexed(width, base: target, plus: Int(k), into: target)
            return true
        }
        // The offset into `target`, then the header's start added (32-bit wrap).
        guard evaluate(offset, depth: depth) else { return false }
        if isTransport {
            asm.emit(.mov32(.r0, target))  // transportStart uses r1, r2
            facts.r0 = nil
            transportStart(into: target)
            asm.emit(.alu32(.add, target, .r0))
            loadIndexed(width, base: target, plus: 0, into: target)
        } else {
            if let slot = base.slot {
                loadSlot(slot, into: .r2)
                asm.emit(.alu32(.add, target, .r2))
            }
            loadIndexed(width, base: target, plus: base.offset, into: target)
        }
        return true
    }
}
