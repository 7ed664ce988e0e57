import SluiceBytecode

/// Code for `arth relop arth` (`gen_relation`, `gen_arth`, `gen_load`):
/// the protocol guards of every load, then the values, then the jump.
/// Intermediate values live in scratch words.
struct ArithmeticCode {
    let lowering: AtomLowering
    private var nextScratch: UInt32

    init(lowering: AtomLowering) {
        self.lowering = lowering
        self.nextScratch = lowering.firstFreeScratch
    }

    private var span: SourceSpan? { lowering.span }
    private var layout: FrameLayout { lowering.layout }

    mutating func comparison(_ lhs: ArithmeticExpression, _ relation: Relation,
                             _ rhs: ArithmeticExpression) throws(GenerationError) -> Condition {
        var guards: [Condition] = []
        var seen: Set<PacketLayer> = []
        for load in lhs.loads + rhs.loads where load.layer != .link && !seen.contains(load.layer) {
            seen.insert(load.layer)
            guards.append(try guardCondition(load.layer))
        }
        let (operation, negated): (JumpOperation, Bool) =
            switch relation {
            case .equal: (.jeq, false)
            case .notEqual: (.jeq, true)
            case .greater: (.jgt, false)
            case .greaterOrEqual: (.jge, false)
            case .less: (.jge, true)
            case .lessOrEqual: (.jgt, true)
            }
        var test: Test
        if case .constant(let k) = rhs {
            test = Test(statements: try value(lhs), operation: operation, operand: .constant(k), span: span)
        } else {
            let slot = try allocate()
            let statements = try value(rhs) + [.store(slot)] + value(lhs) + [.loadXScratch(slot)]
            test = Test(statements: statements, operation: operation, operand: .x, span: span)
        }
        let jump = Condition.test(test)
        return .and(guards + [negated ? .not(jump) : jump])
    }

    /// The protocol a load from `layer` requires (`gen_load`'s `inst->b`).
    private func guardCondition(_ layer: PacketLayer) throws(GenerationError) -> Condition {
        let nl = layout.network
        switch layer {
        case .link:
            return .constant(true)
        case .icmp6:
            return .and([try lowering.linkProtocol(0x86dd), .equal(lowering.load(.byte, nl + 6), 58, span: span)])
        case .tcp, .udp, .icmp, .igmp, .igrp, .pim, .vrrp, .carp, .sctp:
            return .and([try lowering.linkProtocol(0x0800),
                         .equal(lowering.load(.byte, nl + 9), UInt32(layer.ipProtocol ?? 0), span: span),
                         lowering.ipv4FirstFragment])
        default:
            guard let type = layer.linkProtocol else { return .constant(true) }
            return try lowering.linkProtocol(type)
        }
    }

    private mutating func allocate() throws(GenerationError) -> UInt32 {
        guard nextScratch < 16 else {
            throw GenerationError(message: "arithmetic too deeply nested for cBPF's 16 scratch words", span: span)
        }
        defer { nextScratch += 1 }
        return nextScratch
    }

    /// Statements leaving the value of `expression` in A (X is clobbered).
    private mutating func value(_ expression: ArithmeticExpression) throws(GenerationError) -> [Instruction] {
        switch expression {
        case .constant(let k):
            return [.loadImmediate(k)]
        case .length:
            return [.loadLength]
        case .negate(let operand):
            return try value(operand) + [.negate]
        case .binary(let op, let lhs, let rhs):
            let alu = op.aluOperation
            if case .constant(let k) = rhs, op.acceptsImmediate(k) {
                return try value(lhs) + [.alu(alu, k)]
            }
            let slot = try allocate()
            defer { nextScratch -= 1 }
            return try value(rhs) + [.store(slot)] + value(lhs) + [.loadXScratch(slot), .aluX(alu)]
        case .load(let layer, let offset, let size):
            return try load(layer, offset, size)
        }
    }

    private mutating func load(_ layer: PacketLayer, _ offset: ArithmeticExpression,
                               _ size: Int) throws(GenerationError) -> [Instruction] {
        let width: LoadSize = size == 4 ? .word : size == 2 ? .half : .byte
        let network = layout.network
        let isTransport = layer.ipProtocol != nil && layer != .icmp6
        let base: Position = layer == .link ? layout.frameStart : layer == .icmp6 ? network + 40 : network
        if case .constant(let k) = offset {
            // A header offset plus k that wraps past 2^32 is past the packet
            // for libpcap (it checks k and X separately), never byte 0.
            let (sum, wrapped) = base.offset.addingReportingOverflow(k)
            let position = Position(base: base.base, offset: wrapped ? 0xffff_ffff : sum)
            return isTransport ? layout.loadTransport(width, at: k) : layout.load(width, at: position)
        }
        var code = try value(offset)
        if isTransport {
            let slot = try allocate()
            defer { nextScratch -= 1 }
            // A = offset; keep it, put the transport header's start in X, add.
            code += [.store(slot)] + layout.transportInX
            code += [.loadScratch(slot), .aluX(.add), .tax, .load(width, indirect: network.offset)]
        } else if let variable = base.base {
            code += [.loadXScratch(variable), .aluX(.add), .tax, .load(width, indirect: base.offset)]
        } else {
            code += [.tax, .load(width, indirect: base.offset)]
        }
        return code
    }
}
